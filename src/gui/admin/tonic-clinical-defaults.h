/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_CLINICAL_DEFAULTS (tonic_clinical_defaults_get_type ())
G_DECLARE_FINAL_TYPE (TonicClinicalDefaults, tonic_clinical_defaults, TONIC, CLINICAL_DEFAULTS,
                      AdwPreferencesGroup)

/* The practice's defaults for new treatment plans, for the administrator:
 * the vitals thresholds (CLINICAL.md) and how long a weight stays current
 * (a plan keeps its own copy), and the dose change from one session to the
 * next above which a reason is asked for (every session). Saved as
 * practice settings. */

/* Reads the settings of @store and saves there. */
void tonic_clinical_defaults_set_store (TonicClinicalDefaults *self,
                                        TonicStore            *store);

G_END_DECLS
