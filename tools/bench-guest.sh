#!/bin/bash
# The benchmark's guest side: phases with memdiag loaded and unloaded,
# interleaved, in one boot; prints ratios. Uses the selftests' helper
# module to time the kernel's own allocation paths from inside the kernel.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
rel=$(uname -r)
ko=$top/build/krel/$rel/kmod/memdiag.ko
helper=$top/build/krel/$rel/helper/memdiag_test_helper.ko
b=/sys/kernel/debug/memdiag_test/bench
rounds=${MEMDIAG_BENCH_ROUNDS:-11}
alloc_n=${MEMDIAG_BENCH_ALLOC_N:-200000}
fail_n=${MEMDIAG_BENCH_FAIL_N:-2000}
mmap_n=${MEMDIAG_BENCH_MMAP_N:-5000}
mmap_bin=$top/build/bench-mmap

# MEMDIAG_BENCH_MMAP_ONLY=1: only (d), the mmap/munmap phases.
mmap_only=${MEMDIAG_BENCH_MMAP_ONLY:-0}
[ "$mmap_only" = 1 ] && rounds_a=0 || rounds_a=$rounds
insmod "$helper"
loaded() { [ -d /sys/module/memdiag ]; }
load() { loaded || insmod "$ko" "$@"; }
unload() { ! loaded || rmmod memdiag; }
ns_per() { echo "$1" > $b; awk '{ printf "%.1f", $2 / $1 }' $b; }
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

a_un=() a_ld=() f_un=() f_rec=() f_cnt=() a_ratio=()
m_un=() m_ld=() m_pg=() m_ratio=() m_pg_ratio=() m_lp=() m_lp_ratio=()
for r in $(seq 1 "$rounds_a"); do
	unload
	a_un+=("$(ns_per "alloc $alloc_n 0")")
	f_un+=("$(ns_per "fail $fail_n 9")")
	load rate_limit=1000000
	a_ld+=("$(ns_per "alloc $alloc_n 0")")
	f_rec+=("$(ns_per "fail $fail_n 9")")
	echo 0 > /sys/module/memdiag/parameters/rate_limit
	f_cnt+=("$(ns_per "fail $fail_n 9")")
	unload
	# Paired within the round, so that slow drift of the emulator cancels.
	a_ratio+=("$(awk -v u="${a_un[-1]}" -v l="${a_ld[-1]}" 'BEGIN { printf "%.4f", u / l }')")
	echo "round $r: alloc+free ns unloaded ${a_un[-1]} loaded ${a_ld[-1]};" \
	     "failure ns unloaded ${f_un[-1]} recorded ${f_rec[-1]} counted ${f_cnt[-1]}" >&2
done
rmmod memdiag_test_helper

# (d) the commit accounting's success path: mmap+munmap of 1 MiB, untouched.
# Each phase starts with a warm-up run (loading patches kernel text, which
# TCG retranslates) and keeps the best of 3 runs (other guests on the host
# only ever add time).
mmap_best() {
	"$mmap_bin" 1000 >/dev/null
	for _ in 1 2 3; do "$mmap_bin" "$mmap_n"; done | sort -g | head -n 1
}
mmap_phase() {	# mmap_phase unloaded|loaded|pages|limits
	unload
	case $1 in
	loaded) load ;;
	pages) load commit_pages=1 ;;
	limits) load limit_probes=1 ;;
	esac
	mmap_best
}
for r in $(seq 1 "$rounds"); do
	# Odd rounds go unloaded, loaded, pages, limits; even rounds the other
	# way, so that drift within a round cancels.
	if [ $((r % 2)) = 1 ]; then
		m_un+=("$(mmap_phase unloaded)")
		m_ld+=("$(mmap_phase loaded)")
		m_pg+=("$(mmap_phase pages)")
		m_lp+=("$(mmap_phase limits)")
	else
		m_lp+=("$(mmap_phase limits)")
		m_pg+=("$(mmap_phase pages)")
		m_ld+=("$(mmap_phase loaded)")
		m_un+=("$(mmap_phase unloaded)")
	fi
	unload
	m_ratio+=("$(awk -v u="${m_un[-1]}" -v l="${m_ld[-1]}" 'BEGIN { printf "%.4f", u / l }')")
	m_pg_ratio+=("$(awk -v u="${m_un[-1]}" -v l="${m_pg[-1]}" 'BEGIN { printf "%.4f", u / l }')")
	m_lp_ratio+=("$(awk -v u="${m_un[-1]}" -v l="${m_lp[-1]}" 'BEGIN { printf "%.4f", u / l }')")
	echo "round $r: mmap+munmap ns unloaded ${m_un[-1]} loaded ${m_ld[-1]}" \
	     "loaded with commit_pages=1 ${m_pg[-1]} with limit_probes=1 ${m_lp[-1]}" >&2
done

# (c) GET_ZONES against the kernel's own files, memdiag loaded.
zones=
if [ "$mmap_only" != 1 ]; then
	load
	zones=$(python3 "$top/tools/bench-zones.py")
	unload
fi
minimum() { tr ' ' '\n' | sort -g | head -n 1; }

au=$(echo "${a_un[@]}" | median); al=$(echo "${a_ld[@]}" | median)
fu=$(echo "${f_un[@]}" | median); fr=$(echo "${f_rec[@]}" | median)
fc=$(echo "${f_cnt[@]}" | median)
ar=$(echo "${a_ratio[@]}" | median)
mu=$(echo "${m_un[@]}" | median); ml=$(echo "${m_ld[@]}" | median)
mr=$(echo "${m_ratio[@]}" | median)
mp=$(echo "${m_pg[@]}" | median); mpr=$(echo "${m_pg_ratio[@]}" | median)
ml2=$(echo "${m_lp[@]}" | median); mlr=$(echo "${m_lp_ratio[@]}" | median)
# The spread of a ratio: its lowest and highest round.
spread() { tr ' ' '\n' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s..%s", lo, hi }'; }
mr_sp=$(echo "${m_ratio[@]}" | spread); mpr_sp=$(echo "${m_pg_ratio[@]}" | spread)
mlr_sp=$(echo "${m_lp_ratio[@]}" | spread)
mu_min=$(echo "${m_un[@]}" | minimum); ml_min=$(echo "${m_ld[@]}" | minimum)
mp_min=$(echo "${m_pg[@]}" | minimum)
awk -v ml2="$ml2" -v mlr="$mlr" -v mr_sp="$mr_sp" -v mpr_sp="$mpr_sp" -v mlr_sp="$mlr_sp" -v mu_min="$mu_min" -v ml_min="$ml_min" -v mp_min="$mp_min" -v only="$mmap_only" -v mp="$mp" -v mpr="$mpr" -v mr="$mr" -v mu="$mu" -v ml="$ml" -v ar="$ar" -v au="$au" -v al="$al" -v fu="$fu" -v fr="$fr" -v fc="$fc" -v k="$rel" \
    -v rounds="$rounds" 'BEGIN {
	printf "memdiag benchmark on %s (QEMU TCG guest, medians of %d interleaved rounds)\n", k, rounds
	if (only != 1) {
	printf "  order-0 alloc+free, fast path: unloaded %.1f ns, loaded %.1f ns\n", au, al
	printf "  (a) fast-path throughput loaded / unloaded:        %.4f  (goal >= 0.995; median of per-round ratios)\n", ar
	printf "  order-9 failure: without memdiag %.0f ns, recorded %.0f ns, counted only %.0f ns\n", fu, fr, fc
	printf "  (b) extra cost of a recorded failure:     %+.0f ns (x%.2f of the failure itself)\n", fr - fu, fr / fu
	printf "      extra cost of a counted-only failure: %+.0f ns (x%.2f of the failure itself)\n", fc - fu, fc / fu
	}
	printf "  mmap+munmap of 1 MiB (commit accounting success path): unloaded %.0f ns, loaded %.0f ns, commit_pages=1 %.0f ns\n", mu, ml, mp
	printf "  (d) mmap/munmap throughput loaded / unloaded:      %.4f  (goal >= 0.99; median of per-round ratios; rounds %s)\n", mr, mr_sp
	printf "      the same with commit_pages=1:                 %.4f  (the opt-in probe on every commit check; rounds %s)\n", mpr, mpr_sp
	printf "  (e) the same with limit_probes=1:                 %.4f  (kretprobes on mmap and munmap; rounds %s; %.0f ns a pair)\n", mlr, mlr_sp, ml2
	printf "      fastest rounds: unloaded %.0f ns, loaded %.0f ns (%.4f), commit_pages=1 %.0f ns (%.4f)\n", mu_min, ml_min, mu_min / ml_min, mp_min, mu_min / mp_min
}'
echo "$zones"
