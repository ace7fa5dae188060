/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-practice-dir.h"

G_BEGIN_DECLS

#define TONIC_TYPE_UNLOCK_PAGE (tonic_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (TonicUnlockPage, tonic_unlock_page, TONIC, UNLOCK_PAGE, AdwBin)

/* Asks for a staff password or the recovery key when the keyring cannot
 * give the practice's key, saying why (@reason). The signal "unlocked"
 * (TonicKey) is emitted with the verified key. */
void              tonic_unlock_page_reset            (TonicUnlockPage  *self,
                                                      TonicPracticeDir *practice_dir,
                                                      const char       *reason);
/* How the last "unlocked" was obtained: PASSWORD or RECOVERY_KEY. */
TonicUnlockMethod tonic_unlock_page_get_method       (TonicUnlockPage  *self);
/* After a password unlock: hands over the typed username and password
 * (the fields are cleared) so the person is signed in too. */
void              tonic_unlock_page_take_credentials (TonicUnlockPage  *self,
                                                      char            **username,
                                                      char            **password);

G_END_DECLS
