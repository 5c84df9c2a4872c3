#!/usr/bin/env bash
# Load test of the public pages (docs/performance.md): wrk against a running server.
#   scripts/loadtest.sh [BASE_URL] [DURATION]   e.g. scripts/loadtest.sh http://127.0.0.1:8114 15s
# Needs wrk (apt-get install wrk) and the data of `manage.py seed_load` (bulk articles).
# Prints one markdown row per page and site: req/s, p50, p99, non-2xx answers, load average.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8114}
DURATION=${2:-15s}
PY=${PY:-.venv/bin/python}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

# A bulk article's slug and a deep cursor, read from the database the server uses.
read_urls() {
  "$PY" manage.py shell -v 0 -c "
from content.models import Article
from tenants.models import Tenant
site = Tenant.objects.get(slug='$1')
art = Article.objects.filter(tenant=site, slug__startswith='tai-').order_by('-pk').first()
print('/tin-tuc/%s/' % art.slug)
"
}

run() {  # host label path
  local host=$1 label=$2 path=$3
  curl -s -o /dev/null -H "Host: $host" "$BASE$path"  # warm the caches
  wrk -t2 -c8 -d3s -H "Host: $host" "$BASE$path" >/dev/null
  local out
  out=$(wrk -t2 -c8 -d"$DURATION" --latency -H "Host: $host" "$BASE$path")
  local rps p50 p99 bad load
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  bad=$(awk '/Non-2xx/{print $5}' <<<"$out")
  load=$(cut -d' ' -f1 /proc/loadavg)
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$host" "$rps" "$p50" "$p99" "${bad:-0}" "$load"
}

echo "| page | site | req/s | p50 | p99 | non-2xx | load avg |"
echo "|---|---|---:|---:|---:|---:|---:|"
for site in "localhost:province" "xahoabinh.localhost:xahoabinh"; do
  host=${site%%:*}
  slug=${site##*:}
  if [ "$slug" = province ]; then slug=$("$PY" manage.py shell -v 0 -c "
from tenants.models import Tenant
print(Tenant.objects.filter(parent__isnull=True).order_by('pk').first().slug)"); fi
  article=$(read_urls "$slug")
  run "$host" home /
  run "$host" "category p1" /chuyen-muc/tin-tuc-su-kien/
  run "$host" article "$article"
  run "$host" documents /van-ban/
  run "$host" procedures /thu-tuc-hanh-chinh/
  run "$host" "search (dấu)" "/tim-kiem/?q=k%E1%BA%BF%20ho%E1%BA%A1ch"
  run "$host" "search (no dấu)" "/tim-kiem/?q=ke%20hoach"
done
