/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Why a patient is treated (CLINICAL.md, "Indications"). A patient or plan
 * has a set of them, stored as a comma-separated list of the stable ids
 * below ("treatment-resistant-depression,ptsd"). New indications are
 * appended; ids never change. */
typedef enum /*< flags >*/
{
  TONIC_INDICATION_NONE                           = 0,
  TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION = 1 << 0,
  TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER      = 1 << 1,
  TONIC_INDICATION_BIPOLAR_DEPRESSION             = 1 << 2,
  TONIC_INDICATION_ANXIETY                        = 1 << 3,
  TONIC_INDICATION_PTSD                           = 1 << 4,
  TONIC_INDICATION_SUICIDAL_IDEATION              = 1 << 5,
  TONIC_INDICATION_CHRONIC_PAIN                   = 1 << 6,
  TONIC_INDICATION_OCD                            = 1 << 7,
  TONIC_INDICATION_SUBSTANCE_USE                  = 1 << 8,
  TONIC_INDICATION_OTHER                          = 1 << 9,
} TonicIndication;

#define TONIC_N_INDICATIONS   10
#define TONIC_INDICATION_ALL  ((TonicIndication) ((1 << TONIC_N_INDICATIONS) - 1))

#define TONIC_TYPE_INDICATION (tonic_indication_get_type ())
GType            tonic_indication_get_type             (void) G_GNUC_CONST;

/* The indication at @index (0 … TONIC_N_INDICATIONS - 1), in the order
 * forms list them. */
TonicIndication  tonic_indication_nth                  (guint            index);
/* For a single indication: the stable id ("treatment-resistant-depression",
 * "major-depressive-disorder", "bipolar-depression", "anxiety", "ptsd",
 * "suicidal-ideation", "chronic-pain", "ocd", "substance-use", "other")
 * and the translated label. NULL for anything but one known flag. */
const char      *tonic_indication_to_string            (TonicIndication  indication);
const char      *tonic_indication_get_label            (TonicIndication  indication);
gboolean         tonic_indication_from_string          (const char      *str,
                                                        TonicIndication *indication);

/* The stored form of a set: ids in table order joined by ",", "" for none.
 * (g_free()) */
char            *tonic_indication_format_mask          (TonicIndication  mask);
/* Reads the stored form (spaces around ids and empty items ignored; order
 * and repeats do not matter). Returns FALSE when an id is unknown (written
 * by a newer Tonic, or damaged); @mask still gets the known ones. */
gboolean         tonic_indication_parse_mask           (const char      *text,
                                                        TonicIndication *mask);
/* The translated labels of a set, in table order, as a list for display
 * ("PTSD, Chronic pain"); "" for none. (g_free()) */
char            *tonic_indication_format_labels        (TonicIndication  mask);

/* Whether every session of a patient with @mask records a suicide-risk
 * screen: depression of any kind, or suicidal ideation (CLINICAL.md). */
gboolean         tonic_indication_needs_suicide_screen (TonicIndication  mask);

G_END_DECLS
