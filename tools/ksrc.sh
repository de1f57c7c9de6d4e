#!/bin/bash
# Extract the parts of Debian's linux-source-6.12 that memdiag builds with
# (kselftest headers and lib.mk, the ynl generator and schemas, checkpatch)
# into build/cache, once. Prints the extracted tree's path.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${MEMDIAG_CACHE:-$top/build/cache}
tarball=$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n1 || true)
if [ -z "$tarball" ]; then
	"$top/tools/setup.sh" >&2
	tarball=$(ls /usr/src/linux-source-6.12.tar.* | head -n1)
fi
name=$(basename "$tarball"); name=${name%.tar.*}
dest=$cache/$name
stamp=$dest/.memdiag-extracted

if [ ! -e "$stamp" ] || [ "$tarball" -nt "$stamp" ]; then
	mkdir -p "$cache"
	rm -rf "$dest"
	echo "ksrc: extracting kernel tools from $tarball" >&2
	tar -C "$cache" -xf "$tarball" --wildcards \
		"$name/tools/testing/selftests/kselftest*" \
		"$name/tools/testing/selftests/lib.mk" \
		"$name/tools/testing/selftests/run_kselftest.sh" \
		"$name/tools/testing/selftests/Makefile" \
		"$name/tools/net/ynl" \
		"$name/tools/include" \
		"$name/tools/scripts" \
		"$name/Documentation/netlink" \
		"$name/scripts/checkpatch.pl" \
		"$name/scripts/spelling.txt" \
		"$name/scripts/const_structs.checkpatch" \
		"$name/MAINTAINERS"
	touch "$stamp"
fi
echo "$dest"
