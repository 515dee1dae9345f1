#!/usr/bin/env bash
# Runs the decode benchmarks (-count 10) and the enumeration benchmark (one walk
# per sample, -count 20; ENUM_COUNT overrides) and prints the BENCHMARKS.md
# tables: the median of each case and its ratio to the floor, and for the
# walks also the slowest walk and the 429s over all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
go test -run '^$' -bench 'BenchmarkDecode' -benchmem -count 10 . | tee "$out" >&2
go test -run '^$' -bench 'BenchmarkEnumerateDIDGroups' -benchtime 1x -count "${ENUM_COUNT:-20}" . | tee -a "$out" >&2
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
  walks[c]++
  for (i = 2; i <= NF; i++) {
    if ($(i) == "x-floor") xf[c] = xf[c] " " $(i - 1)
    if ($(i) == "worst-x-floor" && $(i - 1) + 0 > wx[c] + 0) wx[c] = $(i - 1)
    if ($(i) == "429s/walk") lim[c] += $(i - 1)
    if ($(i) == "walks-with-429") lw[c] += $(i - 1)
    if ($(i) == "spread-ms" && $(i - 1) + 0 > sp[c] + 0) sp[c] = $(i - 1)
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
  print "| enumeration (40 pages × 100 DID groups, 100 ms latency, 20 req/s) | walks | median wall s | ratio to 2.0 s floor | ratio to measured floor | slowest walk | 429s | walks with a 429 | widest arrival spread ms | peak heap growth MiB |"
  print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  mf = median(xf["floor"])
  for (i = 1; i <= ne; i++) {
    c = eorder[i]; m = median(xf[c])
    if (c == "floor") {
      printf "| %s | %d | %.2f | %.2f× | 1.00× | %.2f× | – | – | – | – |\n", c, walks[c], 2 * m, m, wx[c]
      continue
    }
    printf "| %s | %d | %.2f | %.2f× | %.2f× | %.2f× | %d | %d | %.0f | %.1f |\n", c, walks[c], 2 * m, m, m / mf, wx[c], lim[c], lw[c], sp[c], median(hp[c])
  }
}' "$out"
rm -f "$out"
