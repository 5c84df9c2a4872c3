#!/usr/bin/env bash
# Load test of the public pages (docs/performance.md): wrk against a running server.
#   [ROUNDS=3] [CONNECTIONS=8] [SITES=both|province] [SEARCH=1] [API=1] [COLD=1] scripts/loadtest.sh [BASE_URL] [DURATION]
# API=1 measures three read-API endpoints instead of the pages (the server needs a high
# API_ANON_RATE_PER_MINUTE: every request comes from one address).
# COLD=1 adds "article, never asked for": each request a different bulk article, in
# order, each round on articles not read before (articles nobody has asked for yet; run
# it against a server without the page cache, PAGE_CACHE_SECONDS=0).
#   e.g. scripts/loadtest.sh http://127.0.0.1:8114 10s
# Needs wrk (apt-get install wrk) and the data of `manage.py seed_load` (bulk articles).
# Prints one markdown row per page and site: median and range of req/s over ROUNDS runs,
# p50 and p99 of the last run, non-2xx answers of all runs, load average.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8114}
DURATION=${2:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-8}
SITES=${SITES:-both}
SEARCH=${SEARCH:-1}
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

deep_cursor() {  # the "older" link of page 1, followed 5 times: a deep page's query string
  local host=$1 path=$2 query=""
  for _ in 1 2 3 4 5; do
    query=$(curl -s -H "Host: $host" "$BASE$path$query" | grep -o '?sau=[^"]*' | head -1)
  done
  echo "$query"
}

run() {  # host label path: warm-up, then ROUNDS runs; the median and range of req/s
  local host=$1 label=$2 path=$3
  curl -s -o /dev/null -H "Host: $host" "$BASE$path"  # fill the caches
  wrk -t2 -c"$CONNECTIONS" -d3s -H "Host: $host" "$BASE$path" >/dev/null
  local out rates=() p50 p99 bad=0 n
  for _ in $(seq "$ROUNDS"); do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Host: $host" "$BASE$path")
    rates+=("$(awk '/Requests\/sec/{print $2}' <<<"$out")")
    n=$(awk '/Non-2xx/{print $5}' <<<"$out")
    bad=$((bad + ${n:-0}))
  done
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")  # of the last round
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  local sorted median
  sorted=$(printf '%s\n' "${rates[@]}" | sort -n)
  median=$(sed -n "$(( (ROUNDS + 1) / 2 ))p" <<<"$sorted")
  printf '| %s | %s | %s | %s–%s | %s | %s | %s | %s |\n' "$label" "$host" "$median" \
    "$(head -1 <<<"$sorted")" "$(tail -1 <<<"$sorted")" "$p50" "$p99" "$bad" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}

cold_articles() {  # host slug: each request a different article (wrk -s, a Lua script)
  local host=$1 slug=$2 paths lua out rates=() n p50 p99 bad=0
  paths=$(mktemp) lua=$(mktemp --suffix=.lua)
  "$PY" manage.py shell -v 0 -c "
from content.models import Article
for a in Article.objects.filter(tenant__slug='$slug', slug__startswith='tai-').order_by('pk'):
    print(a.get_absolute_url())" >"$paths"
  cat >"$lua" <<'LUA'
local threads = 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args)
  paths, n, offset = {}, 0, tonumber(args[2])
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(offset + id + 2 * n) % #paths + 1])
end
LUA
  for round in $(seq "$ROUNDS"); do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Host: $host" -s "$lua" "$BASE/" -- "$paths" $((round * 100003 % $(wc -l <"$paths"))))
    rates+=("$(awk '/Requests\/sec/{print $2}' <<<"$out")")
    n=$(awk '/Non-2xx/{print $5}' <<<"$out")
    bad=$((bad + ${n:-0}))
  done
  p50=$(awk '$1=="50%"{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  local sorted median
  sorted=$(printf '%s\n' "${rates[@]}" | sort -n)
  median=$(sed -n "$(( (ROUNDS + 1) / 2 ))p" <<<"$sorted")
  printf '| %s | %s | %s | %s–%s | %s | %s | %s | %s |\n' "article, never asked for" "$host" \
    "$median" "$(head -1 <<<"$sorted")" "$(tail -1 <<<"$sorted")" "$p50" "$p99" "$bad" \
    "$(cut -d' ' -f1 /proc/loadavg)"
  rm -f "$paths" "$lua"
}

if [ "${API:-0}" = 1 ]; then  # three read-API endpoints on the province (docs/api.md)
  echo "| endpoint | site | req/s (median) | range | p50 | p99 | non-2xx | load avg |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  run localhost articles "/api/v1/articles?scope=subtree&limit=20"
  run localhost documents "/api/v1/documents?scope=subtree&limit=20"
  run localhost sites /api/v1/sites
  exit 0
fi

echo "| page | site | req/s (median) | range | p50 | p99 | non-2xx | load avg |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
sites=("localhost:province")
[ "$SITES" = province ] || sites+=("xahoabinh.localhost:xahoabinh")
for site in "${sites[@]}"; do
  host=${site%%:*}
  slug=${site##*:}
  if [ "$slug" = province ]; then slug=$("$PY" manage.py shell -v 0 -c "
from tenants.models import Tenant
print(Tenant.objects.filter(parent__isnull=True).order_by('pk').first().slug)"); fi
  article=$(read_urls "$slug")
  run "$host" home /
  run "$host" "category p1" /chuyen-muc/tin-tuc-su-kien/
  run "$host" "category deep" "/chuyen-muc/tin-tuc-su-kien/$(deep_cursor "$host" /chuyen-muc/tin-tuc-su-kien/)"
  run "$host" article "$article"
  [ "${COLD:-0}" = 1 ] && cold_articles "$host" "$slug"
  run "$host" documents /van-ban/
  run "$host" procedures /thu-tuc-hanh-chinh/
  run "$host" RSS /rss/
  [ "$SEARCH" = 1 ] || continue
  run "$host" "search (dấu)" "/tim-kiem/?q=k%E1%BA%BF%20ho%E1%BA%A1ch"
  run "$host" "search (no dấu)" "/tim-kiem/?q=ke%20hoach"
done
