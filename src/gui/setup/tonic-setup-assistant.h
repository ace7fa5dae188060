/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TONIC_TYPE_SETUP_ASSISTANT (tonic_setup_assistant_get_type ())
G_DECLARE_FINAL_TYPE (TonicSetupAssistant, tonic_setup_assistant, TONIC, SETUP_ASSISTANT, AdwBin)

/* The first-run assistant: practice name → first administrator → the
 * recovery key, shown once and typed back → the practice is created in
 * @data_dir. Nothing is written before the last step. Signals:
 *   "completed" (TonicPracticeDir, TonicStore, TonicPractice, TonicStaff admin,
 *                TonicKey) — the administrator is signed in to the store
 *   "cancelled" () */
void tonic_setup_assistant_reset (TonicSetupAssistant *self,
                                  const char          *data_dir);

G_END_DECLS
