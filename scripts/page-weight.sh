#!/usr/bin/env bash
# The first load of a page of the built SPA: the HTML file and the JS, Wasm and CSS files it
# references, raw and brotli (-q 11), and their total. With MAX (bytes), fails above it.
#   scripts/page-weight.sh app/dist/index.html            # `/`, the calculator bundle
#   MAX=204800 scripts/page-weight.sh app/dist/index.html # issue 4's budget: 200 KiB
set -euo pipefail
html=${1:?usage: page-weight.sh DIST/PAGE.html}
dist=$(dirname "$html")
# Attribute values quoted or not (release builds minify the HTML, which drops the quotes).
# A framed page fetches its Wasm in its loader (`fetch('/…_bg.wasm', …)`, scripts/page-frames.mjs).
mapfile -t files < <(grep -oE '(href=|src=|module_or_path: |from |fetch\()["'\'']?[^"'\'' >]+\.(js|wasm|css)\b' "$html" \
  | sed -E 's/^(href=|src=|module_or_path: |from |fetch\()["'\'']?\/?//' | sort -u)
total=0
printf "%-44s %10s %10s\n" "$(basename "$html") + its files" raw brotli
for f in "$html" "${files[@]/#/$dist/}"; do
  raw=$(stat -c%s "$f"); br=$(brotli -c -q 11 "$f" | wc -c); total=$((total + br))
  printf "%-44s %10d %10d\n" "$(basename "$f")" "$raw" "$br"
done
printf "%-44s %10s %10d (%d.%d KiB)\n" "total first load" "" "$total" $((total / 1024)) $((total % 1024 * 10 / 1024))
if [ -n "${MAX:-}" ] && [ "$total" -gt "$MAX" ]; then
  echo "over the budget of $MAX B by $((total - MAX)) B" >&2
  exit 1
fi
