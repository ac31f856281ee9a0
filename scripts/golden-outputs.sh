#!/usr/bin/env bash
# Runs a fixed set of infolens commands (every family, demo data and test fixtures) into OUTDIR,
# with every volatile field (timings, dates, durations, the absolute work path) removed, so two
# trees can be compared with `diff -r`. Used to show that a restructuring changed no output:
#   scripts/golden-outputs.sh /tmp/before; (change the tree; npm run build); scripts/golden-outputs.sh /tmp/after
#   diff -r /tmp/before /tmp/after
set -euo pipefail
out=${1:?usage: golden-outputs.sh OUTDIR}
root=$(cd "$(dirname "$0")/.." && pwd)
work=/tmp/infolens-golden-work   # fixed, so paths inside reports compare equal
rm -rf "$work" "$out"; mkdir -p "$work" "$out"
cd "$root"
export NO_COLOR=1 INFOLENS_CACHE_DIR="$work/cache"
il() { node bin/run.js "$@"; }
f=test/fixtures
n=0
run() { # run NAME ARGS... : stdout (the --json report) and exit code into OUTDIR/NAME
  local name=$1; shift
  set +e; il "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"; echo $? >"$out/$name.rc"; set -e
  n=$((n+1))
}
run demo-checkpoint demo checkpoint "$work/ck" --json
run inspect checkpoint inspect "$work/ck/model.safetensors" --json
run inspect-sharded checkpoint inspect "$work/ck/sharded" --json
run spectral spectral analyze "$work/ck/model.safetensors" --json --no-cache --netcdf "$work/esd.nc" --out "$work/spectral.json"
run spectral-mp spectral analyze "$work/ck/model.safetensors" --json --no-cache --mp-fit --randomize --seed 3 --fix-fingers clip_xmax
run spectral-tpl spectral analyze "$work/ck/model.safetensors" --json --no-cache --fit TPL --layers 'layers\.0\.'
run spectral-b spectral analyze "$work/ck/sharded" --json --no-cache --out "$work/spectral-b.json"
run spectral-gate spectral analyze "$work/ck/model.safetensors" --json --no-cache --fail-on 'alpha>6'
run refit spectral refit "$work/esd.nc" --json
run diff spectral diff "$work/spectral.json" "$work/spectral-b.json" --json
run kappa kappa plan "$work/ck/model.safetensors" --fraction 0.2 --json --no-cache
run kappa-tiny kappa plan $f/kappa/tiny-model.safetensors --json --no-cache --per-type --count 2
for fmt in peft axolotl unfreeze spectrum; do
  run kappa-$fmt kappa plan "$work/ck/model.safetensors" --fraction 0.2 --format $fmt --no-cache
done
run credit-bin credit bin $f/credit/germancredit.csv --target creditability --bad bad --exclude personal_status_and_sex --json --out "$work/bins.json"
run credit-bin-tree credit bin $f/credit/germancredit.csv --target creditability --bad bad --method tree --monotonic auto --json
run credit-bin-chi credit bin $f/credit/germancredit.csv --target creditability --bad bad --method chimerge --json
run credit-bin-gen credit bin $f/credit/generated.csv --target y --json
run credit-psi credit psi $f/credit/germancredit.csv $f/credit/germancredit.csv --bins "$work/bins.json" --json
run credit-psi-alpha credit psi $f/credit/germancredit.csv $f/credit/germancredit.csv --bins "$work/bins.json" --alpha 0.01 --json
run credit-scorecard credit scorecard $f/credit/germancredit.csv --target creditability --bins "$work/bins.json" --json --out "$work/card.json" --sql "$work/card.sql"
cp "$work/card.sql" "$out/card.sql"
run credit-score credit score $f/credit/germancredit.csv --card "$work/card.json" --json
run credit-fairness credit fairness $f/credit/germancredit.csv --target creditability --bins "$work/bins.json" --protected 'age_in_years<=25' --json
run school school simulate --config torus --steps 60 --seed 1 --agents 40 --json --nc "$work/school.nc"
run school-ens school simulate --steps 20 --agents 30 --ensemble 3 --json
run school-analyze school analyze "$work/school.nc" --json
run school-sweep school sweep --param noise=0:0.4:3 --agents 20 --steps 10 --seeds 2 --json
run netcdf-dump netcdf dump "$work/school.nc" --json
run demo-uq demo uq "$work/uq" --json
run uq-score uq score "$work/uq/items.jsonl" --json
run uq-score-fix uq score $f/uq/dataset.jsonl --json
run uq-evaluate uq evaluate "$work/uq/items.jsonl" --bootstrap 5 --json
run uq-tsu uq tsu "$work/uq/items-tsu.jsonl" --json
run render report render "$work/spectral.json" --format text
run render-md report render "$work/spectral.json" "$work/bins.json" --format markdown
# Normalise: drop volatile keys and the run-specific absolute paths.
node -e '
const fs=require("fs"),p=require("path");const dir=process.argv[1];
const volatile=new Set(["createdAt","timings","elapsedMs","elapsed_ms","seconds","wallMs","durationMs","hostname","threads","cpus"]);
// reports read back as inputs carry their own createdAt, so their checksums are volatile too
const isReportInput=(o)=>typeof o.path==="string"&&/infolens-golden-work\/.*\.(json|nc)$/.test(o.path);
const strip=(v)=>Array.isArray(v)?v.map(strip):v&&typeof v==="object"?Object.fromEntries(Object.entries(v).filter(([k])=>!volatile.has(k)&&!(isReportInput(v)&&(k==="sha256"||k==="bytes"))).map(([k,x])=>[k,strip(x)])):v;
for(const f of fs.readdirSync(dir)){const q=p.join(dir,f);let t=fs.readFileSync(q,"utf8");
 try{const j=JSON.parse(t);t=JSON.stringify(strip(j),null,1)}catch{}
 t=t.replace(/\d+(\.\d+)? ?(ms|s)\b/g,"<time>").replace(/\d{4}-\d\d-\d\dT[0-9:.]+Z/g,"<date>");fs.writeFileSync(q,t)}' "$out"
echo "golden: $n runs into $out"
