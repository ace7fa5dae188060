/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tonic-patient-list.h"

G_BEGIN_DECLS

/* Shared by test-patient-list.c and test-patient-list-100k.c. Waiting
 * iterates the default main context, where the list's store calls report. */

/* Runs the main context until the list has nothing under way. */
void      list_test_wait_idle        (TonicPatientList *list);
/* Runs it until @item has a patient; returns the patient. */
TonicPatient *list_test_wait_patient (TonicPatientList *list,
                                      TonicPatientItem *item);

/* Counts "items-changed" emissions of a list. */
typedef struct
{
  guint n_emissions;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

gulong    list_test_watch_items      (TonicPatientList *list,
                                      ItemsChanged     *changes);

/* What the search of tonic-store-patients.h promises, written out in C
 * from the core's folding and parsing (an oracle independent of the
 * store's SQL). Names with CJK words are not used with it: the store also
 * finds those by the end of the word. */
typedef struct _SearchOracle SearchOracle;

SearchOracle *search_oracle_new      (const char   *text);
void          search_oracle_free     (SearchOracle *oracle);
gboolean      search_oracle_matches  (SearchOracle *oracle,
                                      TonicPatient *patient);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchOracle, search_oracle_free)

/* The list's order (TONIC_PATIENT_SORT_NAME): the folded display name,
 * then the MRN. Negative when @a comes before @b. */
int       list_test_compare_by_name  (TonicPatient *a,
                                      TonicPatient *b);

/* Blocking store calls. */
guint     list_test_count            (TonicStore              *store,
                                      const TonicPatientQuery *query,
                                      GError                 **error);
gboolean  list_test_import           (TonicStore              *store,
                                      GPtrArray               *patients,
                                      GPtrArray               *appointments,
                                      GError                 **error);

G_END_DECLS
