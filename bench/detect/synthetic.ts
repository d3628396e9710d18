/**
 * A 5,000-element page for timing one detection pass (DESIGN §7: ≤ 3 ms): a shop-like page with
 * a header search box, navigation, product cards with quantity inputs and buttons, a newsletter
 * box in the footer, and one login form in the middle. Deterministic, so runs compare.
 */
export const SYNTHETIC_ELEMENTS = 5_000;

const LOGIN_FORM = `
<section class="account"><h2>Sign in</h2>
<form action="/session" method="post">
  <label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="username">
  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
  <label><input type="checkbox" name="remember"> Remember me</label>
  <button type="submit">Sign in</button> <a href="/forgot">Forgot your password?</a>
</form></section>`;

const HEADER = `<header><form role="search"><input type="search" name="q" placeholder="Search"><button>Go</button></form>
<nav><ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="/c/${i}">Category ${i}</a></li>`).join('')}</ul></nav></header>`;

const FOOTER = `<footer><form class="newsletter"><input type="email" name="newsletter" placeholder="Your email for deals">
<button>Subscribe</button></form><p>© Shop</p></footer>`;

/** One product card: 11 elements. */
function card(i: number): string {
  return (
    `<div class="card"><a href="/p/${i}"><img alt="Product ${i}" src="data:,"></a>` +
    `<h3>Product ${i}</h3><p class="price"><span>€</span><b>${i % 97}.99</b></p>` +
    `<label>Qty <input type="number" name="qty${i}" value="1"></label>` +
    `<button type="button">Add to cart</button></div>`
  );
}

function countElements(html: string): number {
  return (html.match(/<[a-z][^>]*>/gi) ?? []).length;
}

export function syntheticPage(): string {
  const page = (grid: string[]) => {
    const half = grid.length >> 1;
    const before = `<div class="grid">${grid.slice(0, half).join('')}</div>`;
    const after = `<div class="grid">${grid.slice(half).join('')}</div>`;
    return `<html><head><title>Shop</title></head><body>${HEADER}<main>${before}${LOGIN_FORM}${after}</main>${FOOTER}</body></html>`;
  };
  const cards: string[] = [];
  let total = countElements(page(cards));
  for (let i = 0; total < SYNTHETIC_ELEMENTS; i++) {
    const c = card(i);
    cards.push(c);
    total += countElements(c);
  }
  return page(cards);
}
