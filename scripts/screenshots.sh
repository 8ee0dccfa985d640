#!/usr/bin/env bash
# Screenshots of the HTML report, on a phone (390 px wide) and on a desktop
# (1024 px), in headless Chromium driven by playwright-core, to look at
# what a reader sees; and the measures a screenshot cannot prove: no
# horizontal scroll of the page, every text at least 11 px as rendered, no
# label of a chart over its curves. Not run in CI.
#
#   scripts/screenshots.sh PUBLICATION_2022.csv [OUT_DIR]
#
# Two pages:
#   december  a campaign in December 2026: a ledger of claims only, made
#             up here (November and December 2026, some declined),
#             reported --as-of 2026-12-03, before the convening decree;
#   all       the 2022 publication given, `report --all`, --as-of 2022-03-08.
# Each is written as OUT_DIR/PAGE.html, shot as OUT_DIR/PAGE-phone.png and
# OUT_DIR/PAGE-desktop.png (the whole page), and measured; the script exits
# 1 when a measure fails.
#
# Needs Debian's chromium (`apt-get install -y chromium`), Node.js, and
# playwright-core (npm), which is installed under OUT_DIR/node when it is
# not found (playwright's own browser download is not used).
set -euo pipefail
usage="usage: scripts/screenshots.sh PUBLICATION_2022.csv [OUT_DIR]"
# Paths given are the caller's: made absolute before moving to the repository.
publication=$(realpath "${1:?$usage}")
out=$(realpath -m "${2:-$(dirname "$0")/../target/screenshots}")
cd "$(dirname "$0")/.."
browser=$(command -v chromium || command -v chromium-browser) || {
    echo "no chromium: apt-get install -y chromium" >&2
    exit 2
}
mkdir -p "$out"
cargo build --release --quiet
bin=$(realpath "${CARGO_TARGET_DIR:-target}/release/parrainage")

# The December ledger: 180 rows, claimed or sent, one in twelve declined,
# more of them as the weeks go by, in forty-odd départements.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
awk 'BEGIN {
    srand(2027)
    print "status,candidate,civility,last_name,first_name,mandate,circonscription,department,claimed_on,published_on,source,notes"
    split("02 02 02 59 59 62 80 60 08 51 55 54 57 88 10 52 21 71 58 89 77 91 45 41 37 36 18 03 63 15 43 19 87 23 24 46 12 81 31 09 65 64 40 32 47 82 29 22 56 35 973 971", units, " ")
    split("mayor mayor mayor mayor mayor mayor mayor mayor mayor mayor departmental-councillor regional-councillor deputy", mandates, " ")
    for (n = 1; n <= 180; n++) {
        # Days 0 to 31 from Monday 2 November, later days more likely.
        day = int(32 * sqrt(rand()))
        date = day < 29 ? sprintf("2026-11-%02d", day + 2) : sprintf("2026-12-%02d", day - 28)
        roll = rand()
        status = roll < 0.085 ? "declined" : roll < 0.25 ? "sent" : "claimed"
        unit = units[1 + int(rand() * length(units))]
        mandate = mandates[1 + int(rand() * length(mandates))]
        printf "%s,MARTIN Claire,M.,NOM%03d,Jean,%s,Commune %s-%d,%s,%s,,permanence,\n", status, n, mandate, unit, n, unit, date
    }
}' >"$scratch/parrainages.csv"
printf 'candidate = "MARTIN Claire"\n' >"$scratch/parrainage.toml"
(cd "$scratch" && "$bin" --as-of 2026-12-03 report --format html -o "$out/december.html")
"$bin" --as-of 2022-03-08 report --all --ledger "$publication" --format html -o "$out/all.html"

if ! NODE_PATH="$out/node/node_modules" node -e "require('playwright-core')" 2>/dev/null; then
    npm install --silent --no-audit --no-fund --prefix "$out/node" playwright-core >&2
fi
NODE_PATH="$out/node/node_modules" node - "$browser" "$out" december all <<'EOF'
const { chromium } = require('playwright-core');
const [browserPath, out, ...pages] = process.argv.slice(2);
const screens = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: 'desktop', viewport: { width: 1024, height: 800 }, deviceScaleFactor: 1 },
];

// Runs in the page: what a reader at this width gets. A phone shows a
// page wider than its screen zoomed out: that is a failure too.
function measure(width) {
  const failures = [];
  const root = document.documentElement;
  const zoom = window.visualViewport ? visualViewport.scale : 1;
  if (root.scrollWidth > width || zoom < 1) {
    failures.push(`the page scrolls sideways: ${root.scrollWidth} px wide in ${width}`);
  }
  // The boxes that scroll sideways inside the page, by what they hold.
  const scrolling = Array.from(document.querySelectorAll('.scroll'))
    .filter(box => box.scrollWidth > box.clientWidth)
    .map(box => `${box.firstElementChild.tagName.toLowerCase()}.${box.firstElementChild.getAttribute('class') || ''}`);
  // Every text node shown: its font size as rendered, an SVG's scale
  // applied.
  let smallest = Infinity, where = '';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || element.closest('title, desc, style')) continue;
    if (element.getClientRects().length === 0) continue;
    let size = parseFloat(getComputedStyle(element).fontSize) * zoom;
    if (element instanceof SVGElement) {
      const m = element.getScreenCTM();
      size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    if (size < smallest) {
      smallest = size;
      where = node.textContent.trim().slice(0, 40);
    }
  }
  if (smallest < 11) failures.push(`text of ${smallest.toFixed(1)} px: "${where}"`);
  // No label of a chart over its curves: each label's box against the
  // segments of every line drawn in its chart, as rendered.
  let labels = 0;
  for (const chart of document.querySelectorAll('.chart')) {
    const svg = chart.querySelector('svg');
    const m = svg.getScreenCTM();
    const segments = [];
    for (const line of svg.querySelectorAll('polyline')) {
      const points = Array.from(line.points, p => ({ x: m.a * p.x + m.e, y: m.d * p.y + m.f }));
      for (let i = 1; i < points.length; i++) segments.push([points[i - 1], points[i], line.getAttribute('class')]);
    }
    for (const label of chart.querySelectorAll('.label')) {
      labels++;
      const r = label.getBoundingClientRect();
      for (const [a, b, what] of segments) {
        const crosses = Math.max(a.x, b.x) >= r.left && Math.min(a.x, b.x) <= r.right &&
          Math.max(a.y, b.y) >= r.top && Math.min(a.y, b.y) <= r.bottom;
        if (crosses) {
          failures.push(`"${label.textContent}" over the ${what} line in ${chart.getAttribute('data-chart')}`);
          break;
        }
      }
    }
  }
  return { scrollWidth: root.scrollWidth, height: root.scrollHeight, smallest, labels, scrolling, failures };
}

(async () => {
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  let failed = false;
  for (const name of pages) {
    for (const screen of screens) {
      const context = await browser.newContext(screen);
      const page = await context.newPage();
      await page.goto(`file://${out}/${name}.html`);
      const result = await page.evaluate(measure, screen.viewport.width);
      const shot = `${out}/${name}-${screen.name}.png`;
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`${shot}: ${screen.viewport.width} px wide, page ${result.scrollWidth} x ${result.height}, ` +
        `smallest text ${result.smallest.toFixed(1)} px, ${result.labels} chart labels checked, ` +
        `scrolling in their box: ${result.scrolling.join(', ') || 'none'}`);
      for (const failure of result.failures) console.log(`  FAIL ${failure}`);
      failed ||= result.failures.length > 0;
      await context.close();
    }
  }
  await browser.close();
  process.exit(failed ? 1 : 0);
})();
EOF
