/**
 * Words for passphrases: 2522 distinct, common, lowercase English words of 3–8 letters,
 * written for Cassaforte (no download; the EFF lists are not available offline). Each word adds
 * log2(2522) ≈ 11.3 bits. Only letters a–z, so a separator without letters always marks
 * the word boundaries and the entropy count holds. Kept as one string: a 2,500-element array
 * literal would be 2,500 lines after formatting.
 */
const WORDS = `
able about above absent absorb accent accept access account acid acorn acre across act action
active actor adapt add adjust admire admit adobe adopt adult advance advice aerial afford afraid
after again age agenda agent agree ahead aim air airport aisle alarm album alert alien alike alive
alley allow almond almost alone along aloud alpine already also alter always amaze amber amigo
amount amuse anchor ancient angel angle angry animal ankle announce annual answer antenna anthem
anvil any apart apex apple apply apricot april apron aqua arcade arch arctic area arena argue
arise arm armor army aroma around arrange arrive arrow art artist ash aside ask aspect assist
atlas atom attach attend attic august aunt author auto autumn avenue average avid avocado avoid
awake award aware away awesome axis axle baby bacon badge bag bagel bake baker baking balance
balcony bald ball ballad bamboo banana band banjo bank banner banquet bar barn baron barrel base
basic basil basin basket bass bat batch bath batik battery bayou beach beacon beagle beam bean
bear beard beast beat beauty beaver become bed bee beef beetle beetroot before begin behave behind
being believe bell belt bench bend beret berry berth best better beyond bicycle bid big bike bill
bind bingo bird birth biscuit bison bit bitter black blade blame blanket blast blaze blazer bleach
blend bless blimp blind blink block blonde bloom blossom blouse blue bluebird blues bluff blunt
blur blush board boat boating body boil bold bolt bone bonfire bongo bonnet bonus book boost boot
booth border borrow boss bottle bottom boulder bounce bow bowl bowling box boy bracelet brain
brake bramble branch brand brandy brass brave bravo bread break breeze brick bride bridge brief
bright brim brine bring brisk brisket broad broccoli bronco bronze brooch brook broom brother
brown brownie brush bubble bucket buckle buddy budget buffalo buffet bugle build bulb bulk bundle
bunker bunny burden burrow burst bus bush busy butler butter button buyer buzz cabaret cabbage
cabin cable cactus cadet cafe cage cake calm camel camera camp camper camping canal cancel candid
candle candy canoe canopy canteen canvas canyon cap capable caper capital captain car caramel
carbon card cardigan cargo carol carousel carpet carrot carry cart case cash cashew castle casual
cat catalog catch cattle cause cave cedar ceiling celery cell cello cement census cereal chair
chalet chalk chamber champion change chant chaos chapel chapter charge charm chase cheap check
cheese cheetah chef cherry cherub chess chest chestnut chicken chief child chili chime chimney
chirp chisel choice choose chorus chowder chunk chutney cider cinder cinema cinnamon circle circus
citizen citrus city civil claim clam clap clarify clarinet claw clay clean clerk clever click
client cliff climb clinic clip clock close cloth cloud clover clown club clue cluster coach coast
coat cobalt cobbler cobra cockpit cocoa coconut code coffee coil coin collect color column comb
combine comedy comet comfort comic common company compass concert condor conduct confirm connect
consider control convince cook cookie cool copilot copper copy coral corduroy core corn corner
correct corset cosmic cost cottage cotton couch cougar country couple course cousin cover coyote
crab craft crane crash crater crawl crayon crazy cream credit creek crest crew cricket crimson
crisp critic crochet crop croquet cross crowd crown crucial cruise crumb crumble crunch crush
crystal cube cuckoo culture cumin cup cupboard cupcake cupola curious current curry curtain curve
cushion custom cute cycle cymbal dad dahlia daisy damage damp dance dandy danger dapper daring
dash data date daughter dawn day deal debate debris decade december decide decline decorate decoy
decrease deer defense define degree delay deliver delta demand denim dentist deny depart depend
deposit depot depth deputy derive desert design desk dessert detail detect develop device devote
dew diagram dial diamond diary dice diesel diet differ digit digital dignity dilemma dimple dingo
dinner dinosaur direct dirt disagree disco discover dish dismiss display distance ditto diver
divert divide dizzy dock doctor document dog doll dolphin domain domino donate donkey donor doodle
door dorm dose double dough dove draft dragon drama drastic draw dream dress drift drill drink
drip drive drizzle drop drum dry duck dugout dumpling dune during dusk dust dutch duty dwarf
dynamic eager eagle early earmuff earn earth easel easily east easy echo eclipse ecology economy
edge edit educate effort egg eggplant eight either elastic elbow elder electric elegant element
elephant elevator elite elk elm else embark ember embody embrace emerald emerge emotion employ
empower empty emu enable enact encore end endless endorse enemy energy enforce engage engine
enhance enjoy enlist enough enrich enroll ensure enter entire entry envelope epic episode equal
equator equip era erase ermine erode erosion error erupt escape espresso essay essence estate
eternal evidence evoke evolve exact example excess exchange excite exclude excuse execute exercise
exhaust exhibit exist exit exotic expand expect expire explain expose express extend extra eye
eyebrow fable fabric face faculty fade faint faith falcon fall false fame family famous fan fancy
fantasy farm fashion father fatigue fault favorite fawn feather feature february federal fedora
fee feed feel female fence fender fern ferry festival fetch fever few fiber fiction fiddle field
fig figure file film filter final finch find fine finger finish fire firm first fiscal fish fit
fitness fix fjord flag flame flannel flash flat flavor flee flight flint flip float flock floor
flower fluid flush flute fly foal foam focus fog foil fold follow fondue food foot force forest
forget fork fortune forum forward fossil foster found fountain fox fragile frame freckle frequent
fresh friend fringe frog front frost frown frozen fruit fudge fuel fun funnel funny furnace fury
future gadget gain galaxy gallery gallon galoshes game gap garage garbage garden garlic garment
gas gasp gate gather gauge gaze gazelle gecko general genius genre gentle genuine gesture geyser
ghost giant gift giggle ginger giraffe girl give glacier glad glance glare glass glide glider
glimpse globe gloom glory glove glow glue gnome goat goddess gold gondola good goose gopher
gorilla gospel gossip gourd govern gown grab grace grain granite grant grape grass gravel gravity
great green grid griddle grief grit grocery group grove grow grunt guard guava guess guide guilt
guitar gumbo gust gym habit haiku hair half halo hamlet hammer hamster hand happy harbor hard harp
harsh harvest hat have hawk hazard hazel hazelnut head health heart heavy hedgehog height hello
helmet help hen hero heron hickory hidden high hiking hill hint hip hippo hire history hobby
hockey hold hole holiday hollow home honey honeybee hood hoop hope horn hornet horse hospital host
hotel hour hover hub huddle huge human humble humming humor hundred hungry hunt hurdle hurry hurt
husband husky hut hybrid hymn ice icon idea identify idle igloo ignore ill illness image imitate
immense immune impact impala impose improve impulse inch include income increase index indicate
indoor industry infant inflict inform inhale inherit initial inject injury inkwell inner innocent
input inquiry insect inside inspire install intact interest into invest invite involve iris iron
island isle isolate issue item ivory jackal jacket jaguar jar jasmine javelin jazz jeans jelly
jersey jester jewel jigsaw job jockey jogger join joke jolly journey joy judge juggle juice jumbo
jump jungle junior juniper junk just kangaroo kayak keen keep kelp kennel kernel ketchup kettle
key khaki kick kid kiln kilt kimono kind kindle kingdom kiosk kiss kit kitchen kite kitten kiwi
knack knapsack knee knife knight knock know koala kumquat lab label labor ladder lady lagoon lake
lamp language lantern lapel laptop larch large lark lasso latch later latin lattice laugh laundry
lava lavender law lawn layer lazy leader leaf learn leave lecture ledger left leg legal legend
leisure lemon lend length lens lentil leopard lesson letter lettuce level liberty library license
life lift light like lilac limb lime limit linen link lion liquid list little live lizard llama
load loan lobby lobster local lock locket lodge loft logic lonely long loop lottery lotus loud
lounge love loyal lucky luggage lullaby lumber lunar lunch lupine luxury lynx lyrics macaw machine
mad magic magnet magpie maid mail main major make mallard mammal man manage manatee mandarin
mandate mango mansion mantle manual maple marble march margin marigold marine market marmot
marriage marsh mascot mask mass master match material math matrix matter maximum maze meadow mean
measure meat mechanic medal media medley melody melon melt member memory mention menu mercy merge
meringue merit merry mesh message metal meteor method middle midnight milk million mimic mind
minimum minor mint minute miracle mirror miss mistake mitten mix mixed mixture mobile mocha model
modem modify molar mom moment monitor monkey monster month moon moral more morning mosaic mosquito
moss moth mother motion motor mountain mouse move movie much muesli muffin mule multiply mural
muscle museum mushroom music must mustard mutual myself mystery myth nacho naive name napkin
narrow nation nature near neck nectar need needle negative neglect neither nephew nerve nest net
network neutral never news next nice nickel night nimble noble noise nomad nominee noodle nook
normal north nose notable note nothing notice nougat novel now nuclear nugget number nurse nut
nutmeg oak oasis oatmeal obey object oblige oboe obscure observe obtain obvious occur ocean ocelot
octave october odor off offer office often oil okay old olive olympic omelet omit once one onion
online only onyx opal open opera opinion oppose option orange orbit orca orchard orchid order
ordinary organ orient original orphan osprey ostrich other otter outdoor outer outpost output
outside oval oven over overalls owl own owner oxygen oyster ozone pact paddle paddock page pagoda
pair paisley pajamas palace palm pancake pancetta panda panel panic panther papaya paper paprika
parade parcel parent park parka parrot parsley parsnip party pass pasta pastel pastry patch path
patient patrol pattern pause pave payment peace peach peanut pear peasant pebble pecan pelican pen
penalty pencil penguin peony people pepper perch perfect permit person pet pewter phone photo
phrase physical piano pickle picnic picture piece pier pig pigeon pill pilot pinecone pink pinto
pioneer pipe piper pitch pixel pizza place planet plastic plate play plaza please pledge pluck
plug plum plunge poem poet point polar pole police pomelo poncho pond pony poodle pool popcorn
poppy popular porch portion position possible possum post potato pottery poverty powder power
practice prairie praise predict prefer prepare present pretty pretzel prevent price pride primary
primrose print priority prism prison private prize problem process produce profit program project
promote proof property prosper protect proud provide public pudding puffin pull pulley pulp pulse
pumice pumpkin punch pupil puppet puppy purchase purity purpose purse push put puzzle pyramid
quail quality quantum quarter quartz quest question quiche quick quill quilt quince quit quiz
quote rabbit raccoon race rack radar radio radish raft rail rain raise raisin rally rambler ramp
ranch random range ranger rapid rapids rare rate rather raven raw razor ready real reason rebel
rebuild recall receive recipe record recycle reduce reef reflect reform refuse region regret
regular reject relax release relic relief rely remain remember remind remove render renew rent
reopen repair repeat replace report require rescue resemble resist resource response result retire
retreat return reunion reveal review reward rhino rhubarb rhythm rib ribbon rice rich riddle ride
ridge right rigid ring ripple risk ritual rival river road roast robin robot robust rocket rodeo
romance roof rookie room rooster rose rosemary rotate rough round route royal rubber ruby rudder
rude rug rule rumba run runway rural rustic sad saddle safe saffron sage sail salad salmon salon
salsa salt salute same sample sand sandal sandals sapphire sardine sash satin satisfy sauce
sausage savanna save say scale scallion scallop scan scare scarf scatter scene scheme school
science scissors scone scout scrap screen script scrub sea seagull search season seat second
secret section security seed seek segment select sell seminar senior sense sentence sequoia series
service sesame session settle setup seven shadow shaft shallow shamrock share shed shell sherbet
shield shift shine ship shiver shock shoe shoot shop shore short shoulder shove shrimp shrub shrug
shuffle shy sibling sick side siege sienna sight sign silent silk silly silver similar simple
since sing siren sister sitar situate six size skate sketch ski skill skillet skin skipper skirt
skull skylark slab slam sleep slender slice slide slight slim slipper slogan slot sloth slow small
smart smile smoke smooth snack snake snap sneaker sniff snorkel snow soap soccer social sock soda
soft solar soldier solid solution solve sombrero someone song sonnet soon sorbet sorry sort soul
sound soup source south space spaniel spare sparrow spatial spawn speak special speed spell spend
sphere spice spider spike spin spinach spirit split spoil sponsor spoon sport spot spray spread
spring sprout spruce spy square squash squeeze squirrel stable stadium staff stage stairs stamp
stand starfish start state stay steak steel stem step stereo stick still sting stock stomach stone
stool stork story stove strategy street strike strong strudel struggle student stuff stumble style
subject submit subway success such sudden suffer sugar suggest suit summer sun sundial sunny
sunset super supply supreme sure surface surge surprise surround survey suspect sustain swallow
swamp swan swap swarm swear sweater sweet swift swim swing switch sword sycamore symbol symptom
syrup system table tackle taco tadpole tag tahini tail talent talk tambour tango tank tape tapir
target tartan task taste tattoo taxi teach teacup team teapot tell tempo ten tenant tennis tent
term test text thank that theme then theory there they thicket thing this thistle thought three
thrive throw thumb thunder thyme tiara ticket tide tiger tilt timber time timpani tiny tip tired
tissue title toast today toddler toe toffee together token tomato tomorrow tone tongue tonight
tool tooth top topaz topic topple torch tornado tortoise toss total toucan tourist toward tower
town toy track trade traffic train transfer trap trash travel tray treat tree trellis trend trial
tribe trick trigger trim trip trophy trouble trout truck true truffle truly trumpet trust truth
try tube tuition tulip tumble tuna tundra tunnel turban turkey turn turnip turtle tuxedo twelve
twenty twice twin twist two type typical ukulele umber umbrella unable unaware uncle uncover under
undo unfair unfold unhappy unicorn uniform unique unit universe unknown unlock until unusual
unveil update upgrade uphold upon upper upset urban urge usage use used useful useless usual
utility vacant vacuum vague valet valid valley valve van vanilla vanish vapor various vast vault
vehicle velcro velvet vendor venture venue verb verbena verify version very vessel vest veteran
viable vibrant victory video view village vintage vinyl viola violet violin vireo virtual virus
visa visit vista visual vital vivid vocal voice void volcano volume vote voyage waffle wage wagon
wait walk wall walnut walrus wander want warbler warm warrior wasabi wash wasp waste water wattle
wave way wealth wear weasel weather web wedding weekend weird welcome west wet whale what wheat
wheel when where whip whisper whistle wicker wide widget width wife wild will willow win window
wine wing wink winner winter wire wisdom wise wish witness wizard wolf woman wombat wonder wood
wool word work world worry worth wrap wreck wren wrestle wrist write wrong yacht yak yard yarn
year yellow yeti yodel yogurt yonder you young youth yucca zebra zenith zephyr zero zigzag zinc
zinnia zipper zodiac zone zoo zucchini
`;

export const WORDLIST: readonly string[] = Object.freeze(WORDS.trim().split(/\s+/));
