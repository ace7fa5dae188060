/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-patient-list"

#include "config.h"

#include <string.h>

#include "patient-list-test-helpers.h"
#include "store-test-helpers.h"
#include "tonic-mrn.h"
#include "tonic-search.h"

void
list_test_wait_idle (TonicPatientList *list)
{
  while (tonic_patient_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

TonicPatient *
list_test_wait_patient (TonicPatientList *list,
                        TonicPatientItem *item)
{
  while (tonic_patient_item_get_patient (item) == NULL)
    {
      /* Nothing left that could fill it: fail rather than hang. */
      g_assert_true (tonic_patient_list_get_loading (list));
      g_main_context_iteration (NULL, TRUE);
    }

  return tonic_patient_item_get_patient (item);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ItemsChanged *changes = user_data;

  changes->n_emissions++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;

  /* The model is consistent when it says so. */
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, position + added);
}

gulong
list_test_watch_items (TonicPatientList *list,
                       ItemsChanged     *changes)
{
  memset (changes, 0, sizeof *changes);
  return g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), changes);
}

/* -- The search oracle -------------------------------------------------------- */

struct _SearchOracle
{
  gboolean        everyone;
  char          **words;
  TonicQueryKind  kind;
  char           *mrn_whole;
  char           *mrn_partial;
  char           *birth_a;
  char           *birth_b;
  char           *digits;
  char           *national;
};

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

SearchOracle *
search_oracle_new (const char *text)
{
  SearchOracle *oracle = g_new0 (SearchOracle, 1);
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (*stripped == '\0')
    {
      oracle->everyone = TRUE;
      return oracle;
    }

  oracle->words = tonic_search_tokens (stripped);
  oracle->kind = tonic_search_classify (stripped);

  if (oracle->kind & TONIC_QUERY_MRN)
    {
      oracle->mrn_whole = tonic_mrn_normalize (stripped);
      if (oracle->mrn_whole == NULL)
        oracle->mrn_partial = tonic_mrn_normalize_partial (stripped);
    }

  if (oracle->kind & TONIC_QUERY_DATE)
    {
      GDate a, b;

      if (tonic_search_parse_date (stripped, tonic_date_order_from_locale (), &a, &b))
        {
          oracle->birth_a = format_date (&a);
          if (g_date_valid (&b))
            oracle->birth_b = format_date (&b);
        }
    }

  if (oracle->kind & TONIC_QUERY_PHONE)
    {
      const char *national;

      oracle->digits = tonic_search_phone_digits (stripped);
      national = oracle->digits;
      while (*national == '0')
        national++;
      if (national != oracle->digits && strlen (national) >= TONIC_SEARCH_PHONE_DIGITS_MIN)
        oracle->national = g_strdup (national);
    }

  return oracle;
}

void
search_oracle_free (SearchOracle *oracle)
{
  if (oracle == NULL)
    return;

  g_strfreev (oracle->words);
  g_free (oracle->mrn_whole);
  g_free (oracle->mrn_partial);
  g_free (oracle->birth_a);
  g_free (oracle->birth_b);
  g_free (oracle->digits);
  g_free (oracle->national);
  g_free (oracle);
}

static gboolean
word_begins_a_name_word (const char *word,
                         char      **legal,
                         char      **preferred)
{
  for (guint i = 0; legal[i] != NULL; i++)
    if (g_str_has_prefix (legal[i], word))
      return TRUE;
  for (guint i = 0; preferred[i] != NULL; i++)
    if (g_str_has_prefix (preferred[i], word))
      return TRUE;

  return FALSE;
}

static gboolean
phone_matches (SearchOracle *oracle,
               const char   *phone)
{
  g_autofree char *digits = tonic_search_phone_digits (phone);

  if (strlen (digits) < TONIC_SEARCH_PHONE_DIGITS_MIN)
    return FALSE;

  return g_str_has_prefix (digits, oracle->digits) || g_str_has_suffix (digits, oracle->digits) ||
         (oracle->national != NULL && g_str_has_suffix (digits, oracle->national));
}

gboolean
search_oracle_matches (SearchOracle *oracle,
                       TonicPatient *patient)
{
  if (oracle->everyone)
    return TRUE;

  if (oracle->words[0] != NULL)
    {
      g_auto(GStrv) legal = tonic_search_tokens (tonic_patient_get_legal_name (patient));
      g_auto(GStrv) preferred = tonic_search_tokens (tonic_patient_get_preferred_name (patient));
      gboolean all = TRUE;

      for (guint i = 0; all && oracle->words[i] != NULL; i++)
        all = word_begins_a_name_word (oracle->words[i], legal, preferred);

      if (all)
        return TRUE;
    }

  if (oracle->mrn_whole != NULL && g_str_equal (tonic_patient_get_mrn (patient), oracle->mrn_whole))
    return TRUE;
  if (oracle->mrn_partial != NULL &&
      g_str_has_prefix (tonic_patient_get_mrn (patient), oracle->mrn_partial))
    return TRUE;

  if (oracle->birth_a != NULL &&
      (g_str_equal (tonic_patient_get_date_of_birth (patient), oracle->birth_a) ||
       g_strcmp0 (tonic_patient_get_date_of_birth (patient), oracle->birth_b) == 0))
    return TRUE;

  if (oracle->digits != NULL &&
      (phone_matches (oracle, tonic_patient_get_phone_mobile (patient)) ||
       phone_matches (oracle, tonic_patient_get_phone_other (patient))))
    return TRUE;

  return FALSE;
}

/* -- Order ------------------------------------------------------------------------ */

static char *
sort_name (TonicPatient *patient)
{
  g_autofree char *legal = tonic_search_fold (tonic_patient_get_legal_name (patient));
  g_autofree char *preferred = tonic_search_fold (tonic_patient_get_preferred_name (patient));

  if (*preferred == '\0' || g_str_equal (legal, preferred))
    return g_steal_pointer (&legal);
  if (*legal == '\0')
    return g_steal_pointer (&preferred);

  return g_strconcat (preferred, " (", legal, ")", NULL);
}

int
list_test_compare_by_name (TonicPatient *a,
                           TonicPatient *b)
{
  g_autofree char *name_a = sort_name (a);
  g_autofree char *name_b = sort_name (b);
  int cmp = strcmp (name_a, name_b);

  if (cmp != 0)
    return cmp;

  return strcmp (tonic_patient_get_mrn (a), tonic_patient_get_mrn (b));
}

/* -- Blocking store calls ------------------------------------------------------------ */

guint
list_test_count (TonicStore              *store,
                 const TonicPatientQuery *query,
                 GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_count_patients_async (store, query, NULL, store_test_on_ready, &result);
  return tonic_store_count_patients_finish (store, store_test_wait_for (&result), error);
}

gboolean
list_test_import (TonicStore  *store,
                  GPtrArray   *patients,
                  GPtrArray   *appointments,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_import_async (store, patients, appointments, NULL, store_test_on_ready, &result);
  return tonic_store_import_finish (store, store_test_wait_for (&result), error);
}
