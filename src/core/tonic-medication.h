/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The co-medication classes that matter around ketamine and esketamine
 * (CLINICAL.md: the REMS monitoring form records benzodiazepines, other
 * sedatives, stimulants and MAOIs; MAOIs are also a screening item).
 * Stored as a comma-separated list of the stable ids. */
typedef enum /*< flags >*/
{
  TONIC_DRUG_CLASS_NONE           = 0,
  TONIC_DRUG_CLASS_MAOI           = 1 << 0,
  TONIC_DRUG_CLASS_BENZODIAZEPINE = 1 << 1,
  TONIC_DRUG_CLASS_OTHER_SEDATIVE = 1 << 2,
  TONIC_DRUG_CLASS_STIMULANT      = 1 << 3,
} TonicDrugClass;

#define TONIC_N_DRUG_CLASSES  4
#define TONIC_DRUG_CLASS_ALL  ((TonicDrugClass) ((1 << TONIC_N_DRUG_CLASSES) - 1))

#define TONIC_MEDICATION_NAME_MAX   200
#define TONIC_MEDICATION_DOSE_MAX   200

#define TONIC_TYPE_DRUG_CLASS (tonic_drug_class_get_type ())
GType             tonic_drug_class_get_type        (void) G_GNUC_CONST;

TonicDrugClass    tonic_drug_class_nth             (guint            index);
/* For a single class: "maoi", "benzodiazepine", "other-sedative",
 * "stimulant", and the translated label; NULL for anything else. */
const char       *tonic_drug_class_to_string       (TonicDrugClass   klass);
const char       *tonic_drug_class_get_label       (TonicDrugClass   klass);
gboolean          tonic_drug_class_from_string     (const char      *str,
                                                    TonicDrugClass  *klass);
/* Stored form of a set: ids in table order joined by ","; "" for none.
 * (g_free()) */
char             *tonic_drug_class_format_mask     (TonicDrugClass   mask);
/* FALSE when an id is unknown; @mask still gets the known ones. */
gboolean          tonic_drug_class_parse_mask      (const char      *text,
                                                    TonicDrugClass  *mask);

/* The classes to SUGGEST (tick in the form) for a typed medication name,
 * from a small built-in list of generic and common brand names (see
 * tonic-medication.c for the list and its reasoning). Case, accents,
 * punctuation, doses and extra words are ignored: "Lorazepam 1 mg",
 * "LORAZÉPAM", "Ativan" → benzodiazepine; combinations add up. NONE for
 * names not on the list, which means "not known", not "safe". The ticked
 * flags, not this guess, are what is stored. */
TonicDrugClass    tonic_medication_suggest_classes (const char      *name);

#define TONIC_TYPE_MEDICATION (tonic_medication_get_type ())
G_DECLARE_FINAL_TYPE (TonicMedication, tonic_medication, TONIC, MEDICATION, GObject)

/* An immutable current medication of a patient: name, dose as typed
 * ("20 mg at night") and class flags. @id is 0 before it is saved.
 * Properties (read-only): id, name, dose, classes. */
TonicMedication  *tonic_medication_new             (gint64           id,
                                                    const char      *name,
                                                    const char      *dose,
                                                    TonicDrugClass   classes);
gint64            tonic_medication_get_id          (TonicMedication *self);
const char       *tonic_medication_get_name        (TonicMedication *self);
const char       *tonic_medication_get_dose        (TonicMedication *self);
TonicDrugClass    tonic_medication_get_classes     (TonicMedication *self);

/* NULL when acceptable, else a translated message for the field. The name
 * is required; the dose is optional. Both one line. */
char             *tonic_medication_check_name      (const char      *name);
char             *tonic_medication_check_dose      (const char      *dose);

G_END_DECLS
