/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tonic-role.h"

G_BEGIN_DECLS

#define TONIC_TYPE_STAFF (tonic_staff_get_type ())
G_DECLARE_FINAL_TYPE (TonicStaff, tonic_staff, TONIC, STAFF, GObject)

#define TONIC_STAFF_NAME_MAX      120
#define TONIC_STAFF_USERNAME_MIN  2
#define TONIC_STAFF_USERNAME_MAX  32

/* An immutable staff member as read from (or about to be written to) the
 * store. @id is the database row id (0 before it is saved). */
TonicStaff  *tonic_staff_new                (gint64      id,
                                             const char *uuid,
                                             const char *username,
                                             const char *display_name,
                                             TonicRole   role,
                                             const char *password_hash,
                                             gboolean    active);
gint64       tonic_staff_get_id             (TonicStaff *self);
const char  *tonic_staff_get_uuid           (TonicStaff *self);
const char  *tonic_staff_get_username       (TonicStaff *self);
const char  *tonic_staff_get_display_name   (TonicStaff *self);
TonicRole    tonic_staff_get_role           (TonicStaff *self);
const char  *tonic_staff_get_password_hash  (TonicStaff *self);
gboolean     tonic_staff_get_active         (TonicStaff *self);

/* NULL when acceptable, else a translated message for the field. */
char        *tonic_staff_check_display_name (const char *display_name);
/* Usernames: 2-32 characters, lower-case letters (any script), digits,
 * '.', '-', '_'; compared case-insensitively. */
char        *tonic_staff_check_username     (const char *username);
/* The stored form of a typed username: stripped and case-folded. */
char        *tonic_staff_normalize_username (const char *username);
/* A username suggested from a full name while none is typed: lower case,
 * letters and digits kept in any script, words joined by dots
 * ("Dana Whitfield" → "dana.whitfield"), at most TONIC_STAFF_USERNAME_MAX
 * characters. May be empty, or fail tonic_staff_check_username(). */
char        *tonic_staff_suggest_username   (const char *full_name);

G_END_DECLS
