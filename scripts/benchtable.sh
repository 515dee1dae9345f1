#!/usr/bin/env bash
# Runs the decode (-count 10) and enumeration (-count 5) benchmarks and prints the
# BENCHMARKS.md tables: the median of each case and its ratio to the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
go test -run '^$' -bench 'BenchmarkDecode' -benchmem -count 10 . | tee "$out" >&2
go test -run '^$' -bench 'BenchmarkEnumerateDIDGroups' -benchtime 1x -count 5 . | tee -a "$out" >&2
awk '
function median(list,   n, a, i, j, t) {
  n = split(list, a, " ")
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
/^BenchmarkDecode\// {
  split($1, p, "/"); c = p[2]; k = p[3]; sub(/-[0-9]+$/, "", k)
  for (i = 2; i <= NF; i++) {
    if ($(i) == "ns/op") ns[c, k] = ns[c, k] " " $(i - 1)
    if ($(i) == "B/op") by[c, k] = by[c, k] " " $(i - 1)
    if ($(i) == "allocs/op") al[c, k] = al[c, k] " " $(i - 1)
  }
  if (!(c in seen)) { seen[c] = 1; order[++nc] = c }
}
/^BenchmarkEnumerateDIDGroups\// {
  split($1, p, "/"); c = p[2]; sub(/-[0-9]+$/, "", c)
  for (i = 2; i <= NF; i++) {
    if ($(i) == "x-floor") xf[c] = xf[c] " " $(i - 1)
    if ($(i) == "s/walk") sw[c] = sw[c] " " $(i - 1)
    if ($(i) == "429s/walk") lim[c] = lim[c] " " $(i - 1)
    if ($(i) == "peak-heap-MiB") hp[c] = hp[c] " " $(i - 1)
  }
  if (!(c in eseen)) { eseen[c] = 1; eorder[++ne] = c }
}
END {
  print "| case | library ns/op | B/op | allocs/op | floor ns/op | B/op | allocs/op | time ratio |"
  print "|---|---:|---:|---:|---:|---:|---:|---:|"
  for (i = 1; i <= nc; i++) {
    c = order[i]; l = median(ns[c, "library"]); f = median(ns[c, "floor"])
    printf "| %s | %d | %d | %d | %d | %d | %d | %.2f× |\n", c, l, median(by[c, "library"]), median(al[c, "library"]), f, median(by[c, "floor"]), median(al[c, "floor"]), l / f
  }
  print ""
  print "| enumeration (40 pages × 100 DID groups, 100 ms latency, 20 req/s) | wall s | ratio to 2.0 s floor | 429s per walk | peak heap growth MiB |"
  print "|---|---:|---:|---:|---:|"
  for (i = 1; i <= ne; i++) {
    c = eorder[i]
    printf "| %s | %.2f | %.2f× | %g | %.1f |\n", c, median(sw[c]), median(xf[c]), median(lim[c]), median(hp[c])
  }
}' "$out"
rm -f "$out"
