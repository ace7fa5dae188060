/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-vault-error"

#include "config.h"

#include "tonic-vault-error.h"

G_DEFINE_QUARK (tonic-vault-error-quark, tonic_vault_error)
