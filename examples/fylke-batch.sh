#!/usr/bin/env bash
# Builds the oversiktsdokument for every municipality of a county that has data, in bokmål and
# nynorsk, and the side-by-side report for the county. Run from a folder with the exports in data/.
#
#   examples/fylke-batch.sh 50                 # Trøndelag, into out/
#   examples/fylke-batch.sh 50 ut/ md,html     # another output folder, no PDF
#   FOLKEHELSE="node /sti/til/folkehelse/bin/folkehelse" examples/fylke-batch.sh 50
#
# A second run rebuilds only what changed; a municipality that fails is reported and the others are
# still built (the script then exits non-zero). PowerShell: examples/fylke-batch.ps1.
set -euo pipefail

fylke="${1:?give a county number, e.g. 50}"
out="${2:-out}"
formats="${3:-md,html,pdf}"
read -r -a folkehelse <<< "${FOLKEHELSE:-npx folkehelse}"

"${folkehelse[@]}" validate data

status=0
for lang in nb nn; do
  summary="$out-$lang-summary.json"
  "${folkehelse[@]}" build --data data --fylke "$fylke" --lang "$lang" --out "$out" --format "$formats" --concurrency 2 --json > "$summary" || status=$?
  node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const d of s.documents) console.log(`${process.argv[2]}  ${d.status.padEnd(7)}  ${d.id.padEnd(6)}  ${d.name}${d.error ? "  " + d.error : ""}`);
  ' "$summary" "$lang"
done
echo "Outputs in $out"
exit "$status"
