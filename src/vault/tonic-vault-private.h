/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Initialises libsodium once per process (aborts when it cannot: without a
 * working CSPRNG there is nothing safe to do). Every vault entry point that
 * uses libsodium calls it first. */
void _tonic_vault_init (void);

G_END_DECLS
