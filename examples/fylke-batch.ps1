# Builds the oversiktsdokument for every municipality of a county that has data, in bokmål and
# nynorsk, and the side-by-side report for the county. Run from a folder with the exports in data\.
# Windows PowerShell 5.1 or PowerShell 7.
#
#   .\fylke-batch.ps1 -Fylke 50                          # Trøndelag, into out\
#   .\fylke-batch.ps1 -Fylke 50 -Out ut -Formats md,html # another output folder, no PDF
#
# A second run rebuilds only what changed; a municipality that fails is reported and the others are
# still built (the script then exits non-zero). Bash: examples/fylke-batch.sh.
param(
  [Parameter(Mandatory = $true)][string]$Fylke,
  [string]$Out = 'out',
  [string]$Formats = 'md,html,pdf'
)
$ErrorActionPreference = 'Stop'
# The command, e.g. $env:FOLKEHELSE = 'node C:\folkehelse\bin\folkehelse'
$command = if ($env:FOLKEHELSE) { $env:FOLKEHELSE -split ' ' } else { @('npx', 'folkehelse') }
$exe = $command[0]
$pre = @($command | Select-Object -Skip 1)

& $exe @pre validate data
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

$status = 0
foreach ($lang in 'nb', 'nn') {
  $summary = "$Out-$lang-summary.json"
  & $exe @pre build --data data --fylke $Fylke --lang $lang --out $Out --format $Formats --concurrency 2 --json |
    Out-File -FilePath $summary -Encoding utf8
  if ($LASTEXITCODE -ne 0) { $status = $LASTEXITCODE }
  $result = Get-Content -Raw -Encoding utf8 $summary | ConvertFrom-Json
  foreach ($d in $result.documents) {
    $line = '{0}  {1,-7}  {2,-6}  {3}' -f $lang, $d.status, $d.id, $d.name
    if ($d.error) { $line += "  $($d.error)" }
    Write-Output $line
  }
}
Write-Output "Outputs in $Out"
exit $status
