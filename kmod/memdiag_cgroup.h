/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MEMDIAG_CGROUP_H
#define _MEMDIAG_CGROUP_H

#include <linux/cgroup.h>

/* @id in the hierarchy of @root, referenced, or ERR_PTR(-ENOENT). */
struct cgroup *memdiag_cgroup_find(struct cgroup_root *root, u64 id);

/*
 * The cgroup id of @task's memory cgroup: the cgroup its pages are charged
 * to (on v2 the nearest ancestor-or-self with the memory controller; on a
 * v1 host its group in the v1 memory hierarchy). Any context: RCU only.
 * Every record names its task's cgroup by this id.
 */
u64 memdiag_task_memcg_id(struct task_struct *task);

/*
 * The cgroup of a memory cgroup's id (cgroup_id(memcg->css.cgroup)),
 * referenced, or an ERR_PTR: looked up in the hierarchy the memory
 * controller is bound to, the default one (cgroup v2) or a v1 hierarchy
 * of its own, whose ids cgroup_get_from_id() does not know. Process
 * context; cgroup_put() when done.
 */
struct cgroup *memdiag_memcg_cgroup_get(u64 id);

#endif /* _MEMDIAG_CGROUP_H */
