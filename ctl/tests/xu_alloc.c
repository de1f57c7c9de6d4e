// SPDX-License-Identifier: GPL-2.0
#include "harness.h"
#include "xu.h"

void xu_alloc(void)
{
}
