/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include "tonic-store-error.h"

G_DEFINE_QUARK (tonic-store-error-quark, tonic_store_error)
