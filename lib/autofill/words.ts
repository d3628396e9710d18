/**
 * The words login-form detection looks for, in English, Italian, German, French and Spanish.
 *
 * Every pattern runs on text passed through `normalizeText` (lower case, accents stripped,
 * anything but letters and digits turned into single spaces), so "Regístrate", "S'inscrire" and
 * "E-Mail-Adresse" arrive as "registrate", "s inscrire" and "e mail adresse". Short or common words
 * are bounded with \b; long distinctive stems are not, so "passwort" also matches
 * "benutzerpasswort".
 */

/** Lower case, no accents, words separated by single spaces; camelCase split first. */
export function normalizeText(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "log in" and the like: a form, button or heading that signs an existing account in. */
export const LOGIN_WORDS =
  /\b(?:log ?in|log ?on|sign ?in|signon|logga|accedi|accesso|entra|anmelden|anmeldung|einloggen|login|se connecter|connexion|connectez vous|s identifier|identifiez vous|iniciar sesion|inicia sesion|ingresar|ingresa|entrar|acceder|accede)\b/;

/** Creating an account. ("anmelden" is German for signing in, so it is not here.) */
export const SIGNUP_WORDS =
  /\b(?:sign ?up|register|registration|create (?:an |a |your |my )?(?:new )?(?:free )?account|new account|join (?:now|us|free|today)|enrol(?:l|lment)?|registrati|registrazione|registrarti|iscriviti|iscrizione|crea (?:un |il tuo )?account|nuovo account|registrier\w*|konto (?:erstellen|anlegen|eroffnen)|neues konto|s inscrire|inscrivez vous|inscription|creer (?:un |votre |mon )?compte|nouveau compte|registrate|registrarse|registrarte|registro|crear (?:una |tu )?cuenta|crea tu cuenta|nueva cuenta|unete|inscribete)\b/;

/** A bare "join" on a button: weaker than SIGNUP_WORDS because "join the newsletter" exists. */
export const JOIN_WORD = /\bjoin\b/;

export const CHANGE_PASSWORD_WORDS =
  /\b(?:(?:change|update|reset) (?:your |my )?password|(?:cambia|modifica|reimposta) (?:la )?password|(?:passwort|kennwort) (?:andern|aktualisieren|zurucksetzen)|(?:changer|modifier|reinitialiser) (?:le |votre |de )?mot de passe|(?:cambiar|restablecer|actualizar) (?:la |tu )?contrasena)\b/;

/** Labels of a field that takes a password (used on text inputs and on other fields' labels). */
export const PASSWORD_WORDS =
  /passw|kennwort|mot de passe|contrasen|\bclave\b|\bpwd\b|\bpass\b|senha|wachtwoord/;

export const NEW_PASSWORD_WORDS =
  /\b(?:new|create|choose|set|pick|nuova|nuovo|crea|scegli|imposta|neues?|neue|erstellen|wahlen|festlegen|nouveau|nouvelle|creer|choisi(?:r|ssez)|nueva|nuevo|crear|elige|establece)\b/;

export const CONFIRM_PASSWORD_WORDS =
  /\b(?:confirm\w*|repeat|retype|re ?type|re ?enter|again|verify|check|second|conferma\w*|ripeti|ridigita|bestatig\w*|wiederhol\w*|erneut|confirme[rz]?|retape[rz]|repet\w*|vuelv\w*|verifica\w*|re|bis|2)\b/;

export const CURRENT_PASSWORD_WORDS =
  /\b(?:current|old|existing|present|attuale|vecchia|corrente|aktuell\w*|alte[sn]?|bisherig\w*|actuel(?:le)?|ancien(?:ne)?|actual|anterior)\b/;

/** A username or e-mail field, by its name/id or its label. */
export const USERNAME_WORDS =
  /user|login|logon|signin|e ?mail|\bmail\b|courriel|correo|account|\bacct\b|customer ?(?:id|no|number)|member|benutzer|nutzername|utente|usuario|identifiant|identifier|utilisateur|uname|\busr\b|nick|\bhandle\b|\bkunden ?nummer|\bapple ?id/;

/** Personal details that sign-up and checkout forms ask for and logins do not. */
export const IDENTITY_WORDS =
  /\b(?:first|last|middle|given|family|full|sur)(?: ?name)?\b|\b[flm]name\b|\bname\b|\bnome\b|\bcognome\b|vorname|nachname|\bprenom\b|\bnom\b|\bnombre\b|apellido|birth|\bbday\b|\bdob\b|\bage\b|phone|mobile|\btel\b|telefon|cellulare|\bzip\b|postal|post ?code|\bplz\b|\bcap\b|address|street|\bcity\b|country|company|gender|indirizzo|citta|adresse|strasse|\bville\b|direccion|ciudad/;

/** Names and ids of search boxes; single letters only here, never in visible text ("let's"). */
/**
 * Details no login asks for. Unlike IDENTITY_WORDS these beat a generic "user" prefix
 * ("user.firstName"), though not an e-mail ("Mobile number or email").
 */
export const PERSONAL_DETAIL_WORDS =
  /\b(?:first|last|middle|given|family|full|sur) ?name\b|\b[flm]name\b|vorname|nachname|cognome|\bprenom\b|apellido|birth|\bbday\b|\bdob\b|\bzip\b|postal|post ?code|\bstreet\b|\bcity\b|\bcountry\b|gender|phone|mobile|telefon/;
export const EMAIL_OR_LOGIN_WORDS =
  /e ?mail|courriel|correo|login|logon|user ?name|user ?id|benutzername|nome utente|identifiant|usuario/;

/** Headings over login forms that do not say "log in". Headings only: links say it too. */
export const LOGIN_HEADING_WORDS =
  /\b(?:welcome back|(?:returning|existing|registered) (?:customers?|users?|members?)|already (?:a customer|registered)|bentornat[oa]|gia cliente|cliente registrato|willkommen zuruck|bereits kunde|bon retour|deja client|bienvenid[oa] de nuevo|ya (?:eres|soy) cliente)\b/;

export const SEARCH_ATTRS = /\b(?:q|s|kw|ntt|search\w*|query|keywords?|terms?|find)\b/;
export const SEARCH_WORDS =
  /\b(?:search\w*|suche\w*|cerca|ricerca|recherche\w*|rechercher|buscar|busqueda|what are you looking for)\b/;

export const CAPTCHA_WORDS = /captcha|security image|characters (?:shown|above)/;

/** One-time codes, PINs and card or ID numbers: never a username or a password to fill. */
export const OTP_WORDS =
  /\b(?:otp|totp|mfa|2fa|tfa|two ?factor|one ?time|auth ?code|passcode|pin|code|codice|codigo|cvv|cvc|csc|ssn|social security|verification|token|tan)\b/;

export const FORGOT_WORDS =
  /\b(?:forgot\w*|trouble (?:signing|logging)|can t (?:sign|log)|dimenticat[ao]|vergessen|oublie\w*|olvid\w*|recuper\w*|request (?:a )?(?:new )?password)\b/;

export const REMEMBER_WORDS =
  /\b(?:remember me|keep me (?:signed|logged) in|stay (?:signed|logged) in|ricordami|resta collegato|angemeldet bleiben|eingeloggt bleiben|se souvenir|rester connecte|recordarme|recuerdame|mantener (?:la )?sesion)\b/;

export const NEWSLETTER_WORDS =
  /\b(?:newsletter\w*|subscri\w*|mailing list|email (?:alerts|updates|offers)|offers|deals|promo\w*|coupon|discount|\d+ off|stay in the loop|abbonati|abonn\w*|suscri\w*)\b/;

/** Checking out without an account: its e-mail box is where the receipt goes, not a login. */
export const GUEST_WORDS =
  /\b(?:guest|without (?:an )?account|ospite|senza (?:registrazione|account)|gast|ohne (?:kundenkonto|konto|registrierung)|invite|sans (?:compte|inscription)|invitado|sin (?:registro|cuenta))\b/;

/** The first step of a two-step login: a button that moves on rather than submits. */
export const NEXT_WORDS =
  /\b(?:next|continue|proceed|avanti|continua|weiter|suivant|continuer|siguiente|continuar)\b/;

/** Buttons that are never the submit button of a credential form. */
export const NOT_SUBMIT_WORDS =
  /\b(?:google|facebook|apple|twitter|microsoft|linkedin|naver|github|amazon|paypal|show|hide|toggle|close|cancel|back|forgot\w*|search)\b/;
