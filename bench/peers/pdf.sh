#!/usr/bin/env bash
# Issue 6, side by side: the permit PDF of ruqsat-documents (typst, in process) against WeasyPrint
# (HTML and CSS to PDF, Python; PyPI) printing the same page, bench/peers/permit.html: the same
# fields, Kazakh and Russian text, the same QR code, A4, the same font (Libertinus Serif, subset
# and embedded by both). Each side renders N permits in one warm process on one thread, a
# different number and name each time; the two alternate ROUNDS times (the machine is shared)
# and each keeps its best round. Both sample PDFs must carry the holder's name and the Kazakh
# title (pdftotext) and WeasyPrint's must use Libertinus Serif alone (pdffonts).
# Installs what is missing: poppler-utils, Pango, HarfBuzz's subsetter (WeasyPrint's documented
# system libraries; without the subsetter it falls back to fontTools, about 3 times slower) and
# python3-venv (apt), WeasyPrint (pip, in a venv under the cache).
# Prints one Markdown section on stdout, progress on stderr.
# Env: N (200), ROUNDS (3), BENCH_TARGET (cargo target dir), BENCH_VENV (the venv).
set -euo pipefail
cd "$(dirname "$0")"
peers="$PWD"
n="${N:-200}"
rounds="${ROUNDS:-3}"
export CARGO_TARGET_DIR="${BENCH_TARGET:-$HOME/.cache/ruqsat/bench-target}"
venv="${BENCH_VENV:-$HOME/.cache/ruqsat/bench-venv}"
goal=20
sample="$(mktemp -d)"
trap 'rm -rf "$sample"' EXIT
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=()
command -v pdftotext >/dev/null || packages+=(poppler-utils)
for library in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do
  dpkg -s "$library" >/dev/null 2>&1 || packages+=("$library")
done
python3 -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
if [ ${#packages[@]} -gt 0 ]; then
  echo "pdf: installing ${packages[*]}" >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2
fi
if ! "$venv/bin/python" -c 'import weasyprint' 2>/dev/null; then
  echo "pdf: installing WeasyPrint into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q weasyprint >&2
fi

echo "pdf: building bench/zen (release)" >&2
(cd ../zen && cargo build --release --bin permits >&2)
# The sample permit, its seal, QR code and fonts, for the WeasyPrint side.
SAMPLE_DIR="$sample" N=1 "$CARGO_TARGET_DIR/release/permits" >/dev/null
# The fonts found by WeasyPrint as installed fonts (its fastest way to them).
cat > "$sample/fonts.conf" <<XML
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>$sample</dir><cachedir>$sample/cache</cachedir></fontconfig>
XML

get() { awk -v key="$1" '$1 == key { print $2 }' <<<"$2"; }
least() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }
ours="" theirs=""
for round in $(seq "$rounds"); do
  echo "pdf: round $round of $rounds" >&2
  ours=$(least "$(get seconds "$(N="$n" "$CARGO_TARGET_DIR/release/permits")")" "$ours")
  weasyprint="$(FONTCONFIG_FILE="$sample/fonts.conf" "$venv/bin/python" "$peers/weasyprint_permits.py" "$sample" "$n")"
  theirs=$(least "$(get seconds "$weasyprint")" "$theirs")
done
version=$(get version "$weasyprint")

for pdf in ruqsat-permit.pdf weasyprint-permit.pdf; do
  text="$(pdftotext "$sample/$pdf" -)"
  for expected in "TESTOV1 DEMO" "ТҰРУҒА РҰҚСАТ" "көшесі"; do
    grep -qF "$expected" <<<"$text" || { echo "pdf: $pdf lacks \"$expected\"" >&2; exit 1; }
  done
done
if pdffonts "$sample/weasyprint-permit.pdf" | tail -n +3 | grep -qv Libertinus; then
  echo "pdf: WeasyPrint did not use Libertinus Serif alone:" >&2
  pdffonts "$sample/weasyprint-permit.pdf" >&2
  exit 1
fi

rate() { awk -v seconds="$1" -v n="$n" 'BEGIN { printf "%.1f", n / seconds }'; }
verdict=$(awk -v ours="$ours" -v theirs="$theirs" -v goal="$goal" 'BEGIN {
  ratio = theirs / ours
  if (ratio >= goal) printf "%.1f×; goal Ruqsat ≥ %d×: **met**", ratio, goal
  else printf "%.1f×; goal Ruqsat ≥ %d×: **goal not met: %.1f× instead of %d×, %.0f%% short**", ratio, goal, ratio, goal, (goal - ratio) / goal * 100
}')

cat <<MARKDOWN
## Permit PDF: Ruqsat against WeasyPrint (issue 6)

Compared: the TRP permit (A4, Kazakh and Russian, ten fields, QR code, Libertinus Serif subset
and embedded) rendered $n times in one warm process on one thread, a different number and name
each time: by \`ruqsat_documents::permit::render\` (typst in process; the time includes the
Ed25519 seal and building the QR code) and by WeasyPrint $version from the same page as HTML,
\`bench/peers/permit.html\` (\`HTML(string=...).write_pdf()\`; the QR code made into a PNG data
URI once, before the clock starts; the fonts installed through fontconfig; fonts subset by
HarfBuzz). The two alternate $rounds times; best round of each. Both PDFs carry the holder's name
and the Kazakh title (pdftotext); Ruqsat's is also tagged (structure for screen readers),
WeasyPrint's is not (its default).

| renderer | permits | seconds | permits/s | PDF bytes |
|---|---|---|---|---|
| Ruqsat (ruqsat-documents, typst) | $n | $ours | $(rate "$ours") | $(stat -c %s "$sample/ruqsat-permit.pdf") |
| WeasyPrint $version ($("$venv/bin/python" --version)) | $n | $theirs | $(rate "$theirs") | $(stat -c %s "$sample/weasyprint-permit.pdf") |

Ratio: $verdict.

$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), load average $(cut -d' ' -f1 /proc/loadavg) at the end, $(cd ../zen && rustc --version | cut -d' ' -f1-2), release build, $(date +%Y-%m-%d).
MARKDOWN
