/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TONIC_TYPE_PRACTICE (tonic_practice_get_type ())
G_DECLARE_FINAL_TYPE (TonicPractice, tonic_practice, TONIC, PRACTICE, GObject)

#define TONIC_PRACTICE_NAME_MAX 120

/* An immutable practice: its UUID, name and creation time (UTC ISO-8601). */
TonicPractice *tonic_practice_new            (const char    *uuid,
                                              const char    *name,
                                              const char    *created_at);
const char    *tonic_practice_get_uuid       (TonicPractice *self);
const char    *tonic_practice_get_name       (TonicPractice *self);
const char    *tonic_practice_get_created_at (TonicPractice *self);

/* NULL when @name is acceptable; otherwise a translated message for the
 * field (empty, too long, control characters). Free with g_free(). */
char          *tonic_practice_check_name     (const char    *name);

G_END_DECLS
