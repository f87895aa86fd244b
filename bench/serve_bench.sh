#!/bin/bash
# Serve a generated database with gunicorn as in production and load each
# public page with wrk, beside the trivial /health/ view of the same server.
#
#   bench/serve_bench.sh [releases=10000]
#
# Fills newsroom_bench (bench/generate.py) unless it already holds that many
# releases; runs every page uncached, then with the Redis page cache. Prints
# req/s, p50/p99, the ratio to /health/ and the queries per page.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
DB=${BENCH_DB:-newsroom_bench}
PORT=${BENCH_PORT:-8011}
DURATION=${BENCH_DURATION:-10s}
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
export DEBUG=false SECRET_KEY=bench-only-$(date +%s)-secret-key-xxxxxxxxxxxxxxxxxxxx
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false
export STATIC_ROOT=$(mktemp -d) REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/3}
export CACHE_KEY_PREFIX=bench-$$ WEB_CONCURRENCY=2 GUNICORN_BIND=127.0.0.1:$PORT
have=$(psql -U postgres -h 127.0.0.1 -tAc "select count(*) from releases_pressrelease" "$DB" 2>/dev/null || echo 0)
if [ "$have" != "$N" ]; then
  psql -U postgres -h 127.0.0.1 -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  .venv/bin/python bench/generate.py --releases "$N"
fi
.venv/bin/python manage.py collectstatic --noinput --verbosity 0

# The pages, picked from the data: a deep list page, a theme, a year, a
# release in its original language and one in a language it lacks.
eval "$(.venv/bin/python - <<'PY'
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()
from releases.models import PressRelease, Topic
r = PressRelease.objects.published().exclude(original_language="en").order_by("-published_at")[5]
missing = next(c for c in ("fi", "mt", "ga", "lv") if not getattr(r, "title_" + c))
topic = Topic.objects.order_by("slug").first()
print('ORIGINAL=%s FALLBACK=%s TOPIC=%s YEAR=%d' % (r.url_in(r.original_language), r.url_in(missing), topic.slug, r.published_at.year - 1))
PY
)"
PAGES=(
  "trivial=/health/"
  "home=/en/"
  "list=/en/releases/"
  "list-deep=/en/releases/?page=50"
  "theme=/de/topics/$TOPIC/"
  "archive=/en/releases/$YEAR/"
  "release=$ORIGINAL"
  "release-fallback=$FALLBACK"
)

queries() {  # queries per page, in process, caches warm
  .venv/bin/python - "$@" <<'PY'
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["NEWSROOM_PAGE_CACHE_SECONDS"] = "0"
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
for path in sys.argv[1:]:
    client.get(path)
    with CaptureQueriesContext(connection) as q:
        status = client.get(path).status_code
    print("%s %d %d" % (path, status, len(q)))
PY
}
declare -A QUERIES
while read -r path status count; do QUERIES[$path]=$count; done < <(queries "${PAGES[@]#*=}")

run() {  # $1: label, rest: env for gunicorn
  local label=$1; shift
  env "$@" .venv/bin/gunicorn -c gunicorn.conf.py >/tmp/bench-gunicorn-$$.log 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/" && break; sleep 0.2; done
  for page in "${PAGES[@]}"; do for _ in 1 2 3 4; do curl -s -o /dev/null "http://127.0.0.1:$PORT${page#*=}"; done; done
  echo
  echo "## $label: $N releases, gunicorn 2 sync workers, wrk -t2 -c8 -d$DURATION"
  printf "%-18s %9s %9s %9s %8s %8s\n" page req/s "p50 ms" "p99 ms" ratio queries
  local trivial=""
  for page in "${PAGES[@]}"; do
    local name=${page%%=*} path=${page#*=}
    local out; out=$(wrk -t2 -c8 -d"$DURATION" --latency "http://127.0.0.1:$PORT$path")
    local rps; rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    local p50; p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    local p99; p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    local errors; errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
    [ -z "$trivial" ] && trivial=$rps
    printf "%-18s %9s %9s %9s %8.2f %8s %s\n" "$name" "$rps" "$p50" "$p99" \
      "$(echo "$rps / $trivial" | bc -l)" "${QUERIES[$path]:-?}" "$errors"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "Machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(free -g | awk '/Mem/ {print $2}') GB,"\
     "PostgreSQL $(psql -U postgres -h 127.0.0.1 -tAc 'show server_version' | cut -d' ' -f1), load $(cut -d' ' -f1-3 /proc/loadavg)"
run "uncached" NEWSROOM_PAGE_CACHE_SECONDS=0
run "Redis page cache" NEWSROOM_PAGE_CACHE_SECONDS=600
