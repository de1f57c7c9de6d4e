/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MEMDIAG_CGROUP_H
#define _MEMDIAG_CGROUP_H

#include <linux/cgroup.h>

/* @id in the hierarchy of @root, referenced, or ERR_PTR(-ENOENT). */
struct cgroup *memdiag_cgroup_find(struct cgroup_root *root, u64 id);

/*
 * The cgroup of a memory cgroup's id (cgroup_id(memcg->css.cgroup)),
 * referenced, or an ERR_PTR: looked up in the hierarchy the memory
 * controller is bound to, the default one (cgroup v2) or a v1 hierarchy
 * of its own, whose ids cgroup_get_from_id() does not know. Process
 * context; cgroup_put() when done.
 */
struct cgroup *memdiag_memcg_cgroup_get(u64 id);

#endif /* _MEMDIAG_CGROUP_H */
