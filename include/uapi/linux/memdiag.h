/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/memdiag.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_MEMDIAG_H
#define _UAPI_LINUX_MEMDIAG_H

#define MEMDIAG_FAMILY_NAME	"memdiag"
#define MEMDIAG_FAMILY_VERSION	1

#define MEMDIAG_RATE_LIMIT_MAX	1000000
#define MEMDIAG_STACK_DEPTH_MAX	32
#define MEMDIAG_RING_SIZE_MIN	16
#define MEMDIAG_RING_SIZE_MAX	65536

/**
 * enum memdiag_feature_id - The module's features; each initialises (or not)
 *   on its own.
 * @MEMDIAG_FEATURE_ID_NETLINK: The generic netlink family itself.
 */
enum memdiag_feature_id {
	MEMDIAG_FEATURE_ID_NETLINK,
};

/**
 * enum memdiag_feature_state - Outcome of a feature's initialisation at module
 *   load.
 * @MEMDIAG_FEATURE_STATE_OK: Initialised and active.
 * @MEMDIAG_FEATURE_STATE_DISABLED: Turned off by configuration.
 * @MEMDIAG_FEATURE_STATE_UNAVAILABLE: The running kernel lacks what the
 *   feature needs (see message).
 * @MEMDIAG_FEATURE_STATE_FAILED: Initialisation failed with an error (see
 *   message).
 */
enum memdiag_feature_state {
	MEMDIAG_FEATURE_STATE_OK,
	MEMDIAG_FEATURE_STATE_DISABLED,
	MEMDIAG_FEATURE_STATE_UNAVAILABLE,
	MEMDIAG_FEATURE_STATE_FAILED,
};

enum {
	MEMDIAG_A_CONFIG_RATE_LIMIT = 1,
	MEMDIAG_A_CONFIG_STACK_DEPTH,
	MEMDIAG_A_CONFIG_RING_SIZE,

	__MEMDIAG_A_CONFIG_MAX,
	MEMDIAG_A_CONFIG_MAX = (__MEMDIAG_A_CONFIG_MAX - 1)
};

enum {
	MEMDIAG_A_FEATURE_ID = 1,
	MEMDIAG_A_FEATURE_NAME,
	MEMDIAG_A_FEATURE_STATE,
	MEMDIAG_A_FEATURE_MESSAGE,

	__MEMDIAG_A_FEATURE_MAX,
	MEMDIAG_A_FEATURE_MAX = (__MEMDIAG_A_FEATURE_MAX - 1)
};

enum {
	MEMDIAG_A_STATUS_PAD = 1,
	MEMDIAG_A_STATUS_VERSION,
	MEMDIAG_A_STATUS_KERNEL_RELEASE,
	MEMDIAG_A_STATUS_FAMILY_VERSION,
	MEMDIAG_A_STATUS_FEATURE,
	MEMDIAG_A_STATUS_CONFIG,
	MEMDIAG_A_STATUS_MEM_BYTES,
	MEMDIAG_A_STATUS_LOADED_NS,

	__MEMDIAG_A_STATUS_MAX,
	MEMDIAG_A_STATUS_MAX = (__MEMDIAG_A_STATUS_MAX - 1)
};

enum {
	MEMDIAG_CMD_GET_STATUS = 1,
	MEMDIAG_CMD_SET_CONFIG,

	__MEMDIAG_CMD_MAX,
	MEMDIAG_CMD_MAX = (__MEMDIAG_CMD_MAX - 1)
};

#endif /* _UAPI_LINUX_MEMDIAG_H */
