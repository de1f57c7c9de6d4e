// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - cgroups by id, on cgroup v2 and on v1 hierarchies.
 *
 * A record keeps only a cgroup id (a probe may not take the locks a path
 * needs); readers resolve it later. cgroup ids are kernfs node ids, unique
 * within one hierarchy only, and cgroup_get_from_id() searches the default
 * hierarchy. With the memory controller mounted as v1 (memory_cgrp_subsys
 * bound to a root of its own) its groups are found by walking that
 * hierarchy under RCU: the root and every cgroup in it are freed only after
 * a grace period (css_free_rwork_fn), as css_for_each_descendant_pre()
 * requires. O(cgroups) a call.
 */
#include <linux/cgroup.h>
#include <linux/err.h>
#include <linux/memcontrol.h>
#include <linux/rcupdate.h>

#include "compat.h"
#include "memdiag_cgroup.h"

struct cgroup *memdiag_cgroup_find(struct cgroup_root *root, u64 id)
{
	struct cgroup_subsys_state *pos;
	struct cgroup *cgrp = ERR_PTR(-ENOENT);

	rcu_read_lock();
	css_for_each_descendant_pre(pos, &root->cgrp.self) {
		if (cgroup_id(pos->cgroup) != id)
			continue;
		if (cgroup_tryget(pos->cgroup))
			cgrp = pos->cgroup;
		break;
	}
	rcu_read_unlock();
	return cgrp;
}

u64 memdiag_task_memcg_id(struct task_struct *task)
{
	struct mem_cgroup *memcg;
	u64 id;

	rcu_read_lock();
	memcg = mem_cgroup_from_task(task);
	id = memcg ? cgroup_id(memcg->css.cgroup) :
		     cgroup_id(task_dfl_cgroup(task));
	rcu_read_unlock();
	return id;
}

struct cgroup *memdiag_memcg_cgroup_get(u64 id)
{
#ifdef CONFIG_MEMCG
	struct cgroup_root *root;

	/*
	 * Rebinding the controller (the v1 hierarchy unmounted) frees its
	 * root only after a grace period: the walk starts under RCU with
	 * the root read here.
	 */
	rcu_read_lock();
	root = READ_ONCE(memory_cgrp_subsys.root);
	if (root && root != &cgrp_dfl_root) {
		struct cgroup *cgrp = memdiag_cgroup_find(root, id);

		rcu_read_unlock();
		return cgrp;
	}
	rcu_read_unlock();
#endif
	return cgroup_get_from_id(id);
}
