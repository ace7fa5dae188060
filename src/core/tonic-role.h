/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TONIC_ROLE_ADMIN,
  TONIC_ROLE_CLINICIAN,
  TONIC_ROLE_NURSE,
  TONIC_ROLE_FRONT_DESK,
} TonicRole;

#define TONIC_N_ROLES 4

#define TONIC_TYPE_ROLE (tonic_role_get_type ())
GType        tonic_role_get_type     (void) G_GNUC_CONST;

/* The stable name stored in the database: "admin", "clinician", "nurse",
 * "front-desk". */
const char  *tonic_role_to_string    (TonicRole   role);
gboolean     tonic_role_from_string  (const char *str,
                                      TonicRole  *role);
/* The translated name shown to people. */
const char  *tonic_role_get_label    (TonicRole   role);

G_END_DECLS
