#!/usr/bin/env bash
# Lighthouse (mobile: simulated slow 4G and a 4x slower CPU) scores of the home page, the
# directory, a business page, a product page, and the basket of a shopper who filled one, on a
# release build serving the demo town with a fixed clock. The basket's cookie is sent to the
# basket only (as a browser does: it is scoped to /panier), so the public pages are measured as
# they are for everyone.
# Never run by the tests; results go to docs/PERFORMANCE.md. Usage: scripts/lighthouse.sh
# Lighthouse 12.2.3: version 13 needs Node 22. It drives the machine's Debian Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/vitrine-lighthouse.XXXXXX)
port=3400
if [ ! -x target/release/vitrine ] || [ ! -f target/site-release/hash.txt ]; then
  scripts/setup.sh build
  source scripts/env.sh
  scripts/build.sh --release
fi
[ -x /usr/bin/chromium ] || scripts/setup.sh test
if [ ! -x "$work/node_modules/.bin/lighthouse" ]; then
  (cd "$work" && npm install --no-audit --no-fund --silent lighthouse@12.2.3 >/dev/null)
fi
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
DATABASE_URL="sqlite://$work/lh.db" VITRINE_MEDIA_DIR="$work/media" VITRINE_SITE_ROOT=target/site-release \
  VITRINE_BIND="127.0.0.1:$port" VITRINE_NOW="2026-11-28T10:00:00+01:00" RUST_LOG=warn \
  target/release/vitrine serve --seed-demo >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done

export CHROME_PATH=/usr/bin/chromium
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
printf '%-40s %5s %5s %5s %5s | %8s %8s %8s %6s\n' page perf a11y bp seo FCP LCP TBT CLS
curl -fs "http://127.0.0.1:$port/produits?q=tarte+au+riz+8+parts" -o "$work/search.html"
# The first product found that takes reservations (its page has the basket's form).
product=""
for candidate in $(grep -oE '/commerces/[a-z0-9-]+/produits/[0-9]+' "$work/search.html" | sort -u); do
  curl -fs "http://127.0.0.1:$port$candidate" -o "$work/product.html"
  if grep -q 'action="/panier/ajouter"' "$work/product.html"; then product=$candidate; break; fi
done
jar="$work/cookies.txt"
curl -fs -o /dev/null -c "$jar" -H "Origin: http://127.0.0.1:$port" -H 'Sec-Fetch-Site: same-origin' \
  --data "produit=${product##*/}&quantite=1" "http://127.0.0.1:$port/panier/ajouter"
basket_cookie=$(awk '$6 == "vitrine_panier" && $3 == "/panier" { print $6 "=" $7 }' "$jar")
[ -n "$basket_cookie" ] || { echo "the basket was not kept"; exit 1; }
for path in / /commerces /commerces/le-cafe-des-carriers "$product" /panier; do
  headers='{"Accept-Language":"fr-BE"}'
  [ "$path" = /panier ] && headers="{\"Accept-Language\":\"fr-BE\",\"Cookie\":\"$basket_cookie\"}"
  for run in 1 2 3; do
    "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" --quiet --chrome-flags="$flags" \
      --only-categories=performance,accessibility,best-practices,seo --output=json \
      --output-path="$work/report.json" --extra-headers="$headers" >/dev/null 2>&1 || true
    node -e '
      const r = require(process.argv[1]);
      const c = r.categories, a = r.audits, s = (x) => Math.round(x.score * 100);
      console.log(process.argv[2].padEnd(40) + " " + [s(c.performance), s(c.accessibility), s(c["best-practices"]), s(c.seo)].map((v) => String(v).padStart(5)).join(" ") +
        " | " + [a["first-contentful-paint"].displayValue, a["largest-contentful-paint"].displayValue, a["total-blocking-time"].displayValue, a["cumulative-layout-shift"].displayValue].map((v) => String(v).padStart(8)).join(" "));
    ' "$work/report.json" "$path (run $run)"
  done
done
