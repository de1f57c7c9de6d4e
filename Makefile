# SPDX-License-Identifier: GPL-2.0
# memdiag: memdiag.ko (kmod/), memdiagctl (ctl/), selftests, tools.
#
#   make                 module for the running kernel + memdiagctl
#   make KVER=6.12       module for an installed kernel (release or series)
#   make KDIR=/path      module against any kernel build tree
#   make demo            the main job: provoke failures in a guest, show answers
#   make check           every test; ends with "N passed, N failed"
#   make check-debug     the selftests on a KASAN/lockdep/kmemleak/UBSAN kernel
#                        (built once per machine: 20-25 min on 2 cores)
#   make uapi            regenerate include/uapi/linux/memdiag.h from the spec

TOP := $(CURDIR)
SETUP := $(TOP)/tools/setup.sh

ifneq ($(KVER),)
KREL := $(shell $(TOP)/tools/kernels.sh $(KVER) 2>/dev/null || echo $(KVER))
else
KREL := $(shell uname -r)
endif
KDIR ?= /lib/modules/$(KREL)/build

.PHONY: all module ctl setup check check-debug demo uapi spec-check checkpatch \
	selftests modules-all bench clean help

all: setup ctl module

setup:
	@$(SETUP)

module: setup
	@if [ ! -e "$(KDIR)/Makefile" ]; then \
		echo "make: no kernel headers at $(KDIR) for kernel $(KREL)." >&2; \
		echo "make: build for an installed kernel instead:" >&2; \
		for r in $$($(TOP)/tools/kernels.sh); do \
			echo "          make KVER=$$r" >&2; done; \
		echo "        (KVER=6.1 and KVER=6.12 pick the installed release; KDIR=<tree> for any other)" >&2; \
		exit 2; \
	fi
	$(MAKE) -C $(KDIR) M=$(TOP) modules

ctl: setup
	$(MAKE) -C ctl

selftests: setup
	$(MAKE) -C selftests/memdiag

# One build per supported installed kernel, under build/krel/RELEASE/.
modules-all: setup
	@for r in $$($(TOP)/tools/kernels.sh); do \
		$(TOP)/tools/build-module.sh $$r || exit 1; done

uapi: setup
	$(TOP)/tools/spec-check.sh --regenerate

spec-check: setup
	$(TOP)/tools/spec-check.sh

checkpatch: setup
	$(TOP)/tools/checkpatch.sh

check: setup
	$(TOP)/tools/check.sh

check-debug: setup
	$(TOP)/tools/check.sh --debug

bench: setup
	$(TOP)/tools/bench.sh

demo: setup
	$(TOP)/tools/demo.sh

clean:
	-[ -e "$(KDIR)/Makefile" ] && $(MAKE) -C $(KDIR) M=$(TOP) clean
	$(MAKE) -C ctl clean
	$(MAKE) -C selftests/memdiag clean
	rm -rf build/krel build/vm-logs

help:
	@sed -n '2,12s/^# \{0,1\}//p' Makefile
