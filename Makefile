# SPDX-License-Identifier: GPL-2.0
# memdiag: memdiag.ko (kmod/), memdiagctl (ctl/), selftests, tools.
#
#   make                 module for the running kernel + memdiagctl
#   make KVER=6.12       module for an installed kernel (release or series)
#   make KDIR=/path      module against any kernel build tree
#   make demo            the main job: provoke failures in a guest, show answers
#   make check           every test; ends with "N passed, N failed"
#   make check-all       every selftest on every kernel (check: a subset on rt, cloud)
#   make check-arm64     every selftest in arm64 guests (Debian 6.1, 6.12, 7.2
#                        arm64, each in its release's arm64 userland)
#   make check-debug     the selftests on a KASAN/lockdep/kmemleak/UBSAN kernel
#                        (built once per machine: 76 min here on 2 cores)
#   make uapi            regenerate include/uapi/linux/memdiag.h from the spec
#   make install         memdiagctl, man pages, bash completion, the uapi header
#                        and memdiag.ko (kbuild modules_install); PREFIX (default
#                        /usr/local), DESTDIR, KVER/KDIR as above
#                        (install-ctl, install-module: either part alone)
#   make install-dkms-source   the module's sources in /usr/src for DKMS

TOP := $(CURDIR)
SETUP := $(TOP)/tools/setup.sh

ifneq ($(KVER),)
KREL := $(shell $(TOP)/tools/kernels.sh $(KVER) 2>/dev/null || echo $(KVER))
else
KREL := $(shell uname -r)
endif
KDIR ?= /lib/modules/$(KREL)/build

.PHONY: all module ctl setup check check-all check-debug check-arm64 demo uapi spec-check checkpatch \
	selftests modules-all bench clean help install install-ctl \
	install-module install-dkms-source

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

check-arm64: setup
	$(TOP)/tools/check.sh --arm64

check-all: setup
	$(TOP)/tools/check.sh --all

bench: setup
	$(TOP)/tools/bench.sh

demo: setup
	$(TOP)/tools/demo.sh

# Installing needs no test set-up (no tools/setup.sh): the build
# dependencies only (gcc, make, pkg-config, libnl-genl-3-dev,
# libsmartcols-dev, the kernel's headers).
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
INCLUDEDIR ?= $(PREFIX)/include
# systemd's unit directory whatever PREFIX (systemd looks there only).
SYSTEMDUNITDIR ?= $(shell pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null || echo /lib/systemd/system)

install: install-ctl install-module

# The sources DKMS builds from, in /usr/src/memdiag-VERSION (then:
# dkms install memdiag/VERSION; see README.md).
DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' $(TOP)/dkms.conf)
DKMS_SRC := $(DESTDIR)/usr/src/memdiag-$(DKMS_VERSION)

install-dkms-source:
	install -D -m 0644 -t $(DKMS_SRC) dkms.conf Kbuild
	install -D -m 0644 -t $(DKMS_SRC)/kmod kmod/Kbuild \
		$(filter-out %.mod.c,$(wildcard kmod/*.[ch]))
	install -D -m 0644 -t $(DKMS_SRC)/include/uapi/linux include/uapi/linux/memdiag.h

install-ctl:
	$(MAKE) -C ctl
	install -D -m 0755 ctl/memdiagctl $(DESTDIR)$(SBINDIR)/memdiagctl
	install -D -m 0644 docs/man/memdiagctl.8 $(DESTDIR)$(MANDIR)/man8/memdiagctl.8
	install -D -m 0644 docs/man/memdiag.4 $(DESTDIR)$(MANDIR)/man4/memdiag.4
	install -D -m 0644 ctl/completion/memdiagctl $(DESTDIR)$(BASHCOMPDIR)/memdiagctl
	install -D -m 0644 include/uapi/linux/memdiag.h $(DESTDIR)$(INCLUDEDIR)/linux/memdiag.h
	install -d $(DESTDIR)$(SYSTEMDUNITDIR)
	sed 's|@SBINDIR@|$(SBINDIR)|g' contrib/systemd/memdiag-metrics.service.in \
		>$(DESTDIR)$(SYSTEMDUNITDIR)/memdiag-metrics.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/memdiag-metrics.service
	install -m 0644 contrib/systemd/memdiag-metrics.timer $(DESTDIR)$(SYSTEMDUNITDIR)/

# INSTALL_MOD_PATH=$(DESTDIR): /lib/modules/RELEASE/updates/kmod/memdiag.ko.
# Not signed here (distribution headers have no signing key): on Secure
# Boot machines install with DKMS, which signs with its MOK (README).
install-module:
	@if [ ! -e "$(KDIR)/Makefile" ]; then \
		echo "make: no kernel headers at $(KDIR) for kernel $(KREL); install linux-headers-$(KREL) or pass KVER= or KDIR=" >&2; \
		exit 2; \
	fi
	$(MAKE) -C $(KDIR) M=$(TOP) modules
	$(MAKE) -C $(KDIR) M=$(TOP) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=updates CONFIG_MODULE_SIG_ALL= modules_install
	@if [ -z "$(DESTDIR)" ]; then \
		depmod -a "$$(modinfo -F vermagic kmod/memdiag.ko | cut -d' ' -f1)"; fi

clean:
	-[ -e "$(KDIR)/Makefile" ] && $(MAKE) -C $(KDIR) M=$(TOP) clean
	$(MAKE) -C ctl clean
	$(MAKE) -C selftests/memdiag clean
	rm -rf build/krel build/vm-logs

help:
	@sed -n '2,/^$$/s/^# \{0,1\}//p' Makefile
