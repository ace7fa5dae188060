/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TONIC_TYPE_APPLICATION (tonic_application_get_type ())
G_DECLARE_FINAL_TYPE (TonicApplication, tonic_application, TONIC, APPLICATION, AdwApplication)

TonicApplication *tonic_application_new          (void);
/* The folder holding the practices: --data-dir, $TONIC_DATA_DIR, or
 * $XDG_DATA_HOME/tonic. */
const char       *tonic_application_get_data_dir (TonicApplication *self);
void              tonic_application_set_data_dir (TonicApplication *self,
                                                  const char       *data_dir);
GSettings        *tonic_application_get_settings (TonicApplication *self);

G_END_DECLS
