/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-staff"

#include "config.h"

#include <string.h>

#include "store-test-helpers.h"
#include "tonic-password.h"

/* Signing in and out, sign-in throttling, and staff accounts: their rules,
 * and their audit rows written with the change. */

#define WRONG_PASSWORD "not-the-password-at-all"
#define SAME_MESSAGE   "The username or password is not right"

typedef struct
{
  char       *dir;
  char       *path;
  TonicKey   *key;
  TonicStore *store;
  gint64      admin_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TonicStaff) admin = NULL;

  fixture->dir = store_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "practice.db", NULL);
  fixture->key = store_test_key (9);
  fixture->store = store_test_open_signed_in (fixture->path, fixture->key);

  admin = tonic_store_dup_actor (fixture->store);
  fixture->admin_id = tonic_staff_get_id (admin);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->key, tonic_key_unref);
  store_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

static TonicStaff *
add_member (Fixture    *fixture,
            const char *username,
            const char *display_name,
            TonicRole   role)
{
  g_autoptr(GError) error = NULL;
  TonicStaff *member;

  member = store_test_add_staff (fixture->store, username, display_name, role,
                                 store_test_hash (STORE_TEST_PASSWORD), &error);
  g_assert_no_error (error);
  g_assert_nonnull (member);

  return member;
}

static void
sign_out (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_USER, &error));
  g_assert_no_error (error);
}

static void
sign_in_ok (Fixture    *fixture,
            const char *username,
            const char *password)
{
  g_autoptr(TonicStaff) staff = NULL;
  g_autoptr(GError) error = NULL;

  staff = store_test_sign_in (fixture->store, username, password, &error);
  g_assert_no_error (error);
  g_assert_nonnull (staff);
}

static void
sign_in_fails (Fixture    *fixture,
               const char *username,
               const char *password,
               int         code)
{
  g_autoptr(TonicStaff) staff = NULL;
  g_autoptr(GError) error = NULL;

  staff = store_test_sign_in (fixture->store, username, password, &error);
  g_assert_error (error, TONIC_STORE_ERROR, code);
  if (code == TONIC_STORE_ERROR_DENIED)
    g_assert_cmpstr (error->message, ==, SAME_MESSAGE);
  g_assert_null (staff);
}

/* -- Signing in ------------------------------------------------------------- */

static gint64 announced_sequence;
static char  *announced_hash;
static guint  n_announced;

static void
on_audit_appended (TonicStore *store,
                   gint64      sequence,
                   const char *hash,
                   gpointer    user_data)
{
  g_assert_true (g_thread_self () == user_data);
  announced_sequence = sequence;
  g_free (announced_hash);
  announced_hash = g_strdup (hash);
  n_announced++;
}

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(TonicStaff) actor = NULL;
  g_autoptr(TonicStaff) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *head_hash = NULL;
  g_autofree char *admin_id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->admin_id);
  gint64 head = 0;
  gulong handler;

  /* What the fixture did is announced first. */
  store_test_flush (fixture->store);
  handler = g_signal_connect (fixture->store, "audit-appended", G_CALLBACK (on_audit_appended),
                              g_thread_self ());
  n_announced = 0;

  sign_out (fixture);
  g_assert_null (tonic_store_dup_actor (fixture->store));

  /* A wrong password and an unknown username: the same answer. */
  sign_in_fails (fixture, STORE_TEST_ADMIN_USER, WRONG_PASSWORD, TONIC_STORE_ERROR_DENIED);
  sign_in_fails (fixture, "nobody.here", STORE_TEST_PASSWORD, TONIC_STORE_ERROR_DENIED);
  g_assert_null (tonic_store_dup_actor (fixture->store));

  /* The right one, typed with other capitals and spaces. */
  staff = store_test_sign_in (fixture->store, "  ADA.admin ", STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_staff_get_id (staff), ==, fixture->admin_id);
  g_assert_cmpstr (tonic_staff_get_display_name (staff), ==, STORE_TEST_ADMIN_NAME);
  g_assert_null (tonic_staff_get_password_hash (staff));

  actor = tonic_store_dup_actor (fixture->store);
  g_assert_true (actor == staff);

  /* The trail: the fixture's sign-in, failed with the member's id,
   * failed with nobody, ok. */
  {
    g_autofree char *expected = g_strdup_printf ("ok:%s:- failed:%s:wrong password "
                                                 "failed:-:unknown username ok:%s:-",
                                                 admin_id, admin_id, admin_id);
    g_autofree char *rows = store_test_query (fixture->store,
                                              "SELECT group_concat(outcome || ':'"
                                              "   || coalesce(staff_id, '-') || ':'"
                                              "   || coalesce(detail, '-'), ' ')"
                                              " FROM (SELECT * FROM audit_log"
                                              "       WHERE action_name = 'sign-in'"
                                              "       ORDER BY sequence)",
                                              &error);

    g_assert_no_error (error);
    g_assert_cmpstr (rows, ==, expected);
  }

  /* Nothing typed is ever kept: not the passwords, not the unknown name. */
  dump = store_test_dump_audit (fixture->store);
  g_assert_null (strstr (dump, WRONG_PASSWORD));
  g_assert_null (strstr (dump, STORE_TEST_PASSWORD));
  g_assert_null (strstr (dump, "nobody.here"));
  g_assert_null (strstr (dump, "argon2"));

  /* Every committed append was announced, in this thread, with the head. */
  store_test_flush (fixture->store);
  g_assert_true (store_test_get_audit_head (fixture->store, &head, &head_hash, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_announced, ==, 4);
  g_assert_cmpint (announced_sequence, ==, head);
  g_assert_cmpstr (announced_hash, ==, head_hash);

  g_signal_handler_disconnect (fixture->store, handler);
  g_clear_pointer (&announced_hash, g_free);
}

static void
test_sign_out (Fixture       *fixture,
               gconstpointer  user_data)
{
  static const struct
  {
    TonicSignOutReason  reason;
    const char         *action;
  } reasons[] = {
    { TONIC_SIGN_OUT_USER, "sign-out" },
    { TONIC_SIGN_OUT_LOCK, "lock" },
    { TONIC_SIGN_OUT_IDLE, "idle-lock" },
  };
  g_autoptr(GError) error = NULL;
  guint rows;

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autofree char *last = NULL;
      g_autofree char *expected = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|ok",
                                                   reasons[i].action, fixture->admin_id);

      if (i > 0)
        sign_in_ok (fixture, STORE_TEST_ADMIN_USER, STORE_TEST_PASSWORD);

      g_assert_true (store_test_sign_out (fixture->store, reasons[i].reason, &error));
      g_assert_no_error (error);
      g_assert_null (tonic_store_dup_actor (fixture->store));

      last = store_test_query (fixture->store,
                               "SELECT action_name || '|' || staff_id || '|' || outcome"
                               " FROM audit_log"
                               " WHERE sequence = (SELECT MAX(sequence) FROM audit_log)",
                               &error);
      g_assert_no_error (error);
      g_assert_cmpstr (last, ==, expected);
    }

  /* Signing out with nobody signed in is harmless and records nothing. */
  rows = store_test_count_audit (fixture->store, NULL, NULL, 0);
  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_IDLE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, NULL, NULL, 0), ==, rows);
}

/* -- Throttling --------------------------------------------------------------- */

static gint64 fake_now;

static gint64
get_fake_now (void)
{
  return fake_now;
}

static void
advance_ms (gint64 ms)
{
  fake_now += ms * 1000;
}

static void
assert_throttled (Fixture    *fixture,
                  const char *username,
                  const char *message)
{
  g_autoptr(TonicStaff) staff = NULL;
  g_autoptr(GError) error = NULL;

  /* Even the right password is not looked at. */
  staff = store_test_sign_in (fixture->store, username, STORE_TEST_PASSWORD, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_THROTTLED);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_null (staff);
}

static void
test_throttle (Fixture       *fixture,
               gconstpointer  user_data)
{
  /* The wait after each failure from the third on: 2, 4, 8 … 60 s. */
  static const guint64 waits_ms[] = { 2000, 4000, 8000, 16000, 32000, 60000, 60000 };
  const char *user = STORE_TEST_ADMIN_USER;
  g_autoptr(GError) error = NULL;

  fake_now = 1000 * G_USEC_PER_SEC;
  _tonic_store_set_clock_for_testing (get_fake_now);
  sign_out (fixture);

  /* Two failures cost nothing. */
  for (guint i = 0; i < 2; i++)
    {
      sign_in_fails (fixture, user, WRONG_PASSWORD, TONIC_STORE_ERROR_DENIED);
      g_assert_cmpuint (_tonic_store_get_sign_in_wait_ms (fixture->store, user), ==, 0);
      g_assert_cmpuint (tonic_store_get_sign_in_wait (fixture->store, user), ==, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (waits_ms); i++)
    {
      guint64 wait = waits_ms[i];
      g_autofree char *whole = NULL;

      sign_in_fails (fixture, user, WRONG_PASSWORD, TONIC_STORE_ERROR_DENIED);
      g_assert_cmpuint (_tonic_store_get_sign_in_wait_ms (fixture->store, user), ==, wait);
      g_assert_cmpuint (tonic_store_get_sign_in_wait (fixture->store, user), ==, wait / 1000);
      /* Any spelling of the name waits. */
      g_assert_cmpuint (tonic_store_get_sign_in_wait (fixture->store, "ADA.ADMIN"), ==,
                        wait / 1000);

      whole = g_strdup_printf ("Too many attempts. Try again in %u seconds.",
                               (guint) (wait / 1000));
      assert_throttled (fixture, user, whole);

      /* Rounded up, and "second" for one. */
      advance_ms (wait - 1);
      assert_throttled (fixture, user, "Too many attempts. Try again in 1 second.");
      advance_ms (1);
      g_assert_cmpuint (tonic_store_get_sign_in_wait (fixture->store, user), ==, 0);
    }

  /* Other usernames are counted apart, known or not. */
  g_assert_cmpuint (tonic_store_get_sign_in_wait (fixture->store, "someone.else"), ==, 0);
  for (guint i = 0; i < 3; i++)
    sign_in_fails (fixture, "someone.else", WRONG_PASSWORD, TONIC_STORE_ERROR_DENIED);
  g_assert_cmpuint (tonic_store_get_sign_in_wait (fixture->store, "someone.else"), ==, 2);
  assert_throttled (fixture, "someone.else", "Too many attempts. Try again in 2 seconds.");

  /* Each refusal while waiting is in the trail, with nobody or the member. */
  g_assert_cmpuint (store_test_count_audit (fixture->store, "sign-in", "denied",
                                            fixture->admin_id), ==, 2 * G_N_ELEMENTS (waits_ms));
  g_assert_cmpuint (store_test_count_audit (fixture->store, "sign-in", "denied", -1), ==, 1);
  store_test_assert_query (fixture->store,
                           "SELECT DISTINCT detail FROM audit_log WHERE outcome = 'denied'"
                           " AND action_name = 'sign-in'",
                           "too many attempts");

  /* Success (once the wait is over) forgets the failures. */
  sign_in_ok (fixture, user, STORE_TEST_PASSWORD);
  sign_out (fixture);
  sign_in_fails (fixture, user, WRONG_PASSWORD, TONIC_STORE_ERROR_DENIED);
  g_assert_cmpuint (tonic_store_get_sign_in_wait (fixture->store, user), ==, 0);
  sign_in_ok (fixture, user, STORE_TEST_PASSWORD);

  _tonic_store_set_clock_for_testing (NULL);
  g_clear_error (&error);
}

/* The same with the real clock and a short base wait. */
static void
test_throttle_real_clock (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint64 wait;

  _tonic_store_set_throttle_base_ms_for_testing (300);
  sign_out (fixture);

  for (guint i = 0; i < 3; i++)
    sign_in_fails (fixture, STORE_TEST_ADMIN_USER, WRONG_PASSWORD, TONIC_STORE_ERROR_DENIED);

  wait = _tonic_store_get_sign_in_wait_ms (fixture->store, STORE_TEST_ADMIN_USER);
  g_assert_cmpuint (wait, >, 0);
  g_assert_cmpuint (wait, <=, 300);
  assert_throttled (fixture, STORE_TEST_ADMIN_USER, "Too many attempts. Try again in 1 second.");

  while (_tonic_store_get_sign_in_wait_ms (fixture->store, STORE_TEST_ADMIN_USER) > 0)
    g_usleep (10000);

  sign_in_ok (fixture, STORE_TEST_ADMIN_USER, STORE_TEST_PASSWORD);
  _tonic_store_set_throttle_base_ms_for_testing (0);
}

static void
test_deactivated (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(TonicStaff) nurse = add_member (fixture, "nils.nurse", "Nils Nurse", TONIC_ROLE_NURSE);
  g_autoptr(TonicStaff) changed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 nurse_id = tonic_staff_get_id (nurse);

  changed = store_test_set_staff_active (fixture->store, nurse_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (tonic_staff_get_active (changed));
  sign_out (fixture);

  /* The right password, and still the same answer as a wrong one. */
  sign_in_fails (fixture, "nils.nurse", STORE_TEST_PASSWORD, TONIC_STORE_ERROR_DENIED);
  g_assert_null (tonic_store_dup_actor (fixture->store));
  g_assert_cmpuint (store_test_count_audit (fixture->store, "sign-in", "failed", nurse_id), ==, 1);
  store_test_assert_query (fixture->store,
                           "SELECT detail FROM audit_log WHERE action_name = 'sign-in'"
                           " AND outcome = 'failed'",
                           "inactive account");

  sign_in_ok (fixture, STORE_TEST_ADMIN_USER, STORE_TEST_PASSWORD);
  g_clear_object (&changed);
  changed = store_test_set_staff_active (fixture->store, nurse_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (tonic_staff_get_active (changed));
  sign_out (fixture);

  sign_in_ok (fixture, "nils.nurse", STORE_TEST_PASSWORD);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "staff.deactivate", "ok",
                                            fixture->admin_id), ==, 1);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "staff.reactivate", "ok",
                                            fixture->admin_id), ==, 1);
}

/* -- Staff accounts -------------------------------------------------------------- */

static void
assert_invalid (GError     *error,
                const char *message)
{
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

/* In the order of the user's language (g_utf8_collate()). */
static void
assert_sorted (GPtrArray *list)
{
  for (guint i = 1; i < list->len; i++)
    g_assert_cmpint (g_utf8_collate (tonic_staff_get_display_name (g_ptr_array_index (list, i - 1)),
                                     tonic_staff_get_display_name (g_ptr_array_index (list, i))),
                     <=, 0);
}

static void
test_add_staff (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const struct
  {
    const char *username;
    const char *display_name;
  } bad[] = {
    { "a", "Al" },
    { "al b", "Al" },
    { "", "Al" },
    { "al", "" },
    { "al", "Two\nLines" },
  };
  g_autoptr(TonicStaff) added = NULL;
  g_autoptr(TonicStaff) found = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *object_id = NULL;
  guint rows = store_test_count_audit (fixture->store, NULL, NULL, 0);

  /* Validated like the setup: the message is the field's. */
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = tonic_staff_check_username (bad[i].username);

      if (message == NULL)
        message = tonic_staff_check_display_name (bad[i].display_name);
      g_assert_nonnull (message);

      added = store_test_add_staff (fixture->store, bad[i].username, bad[i].display_name,
                                    TONIC_ROLE_NURSE, store_test_hash (STORE_TEST_PASSWORD),
                                    &error);
      assert_invalid (error, message);
      g_assert_null (added);
      g_clear_error (&error);
    }

  /* A password where its hash belongs would be kept in the clear. */
  added = store_test_add_staff (fixture->store, "al", "Al", TONIC_ROLE_NURSE,
                                STORE_TEST_PASSWORD, &error);
  assert_invalid (error, NULL);
  g_clear_error (&error);

  /* Refused changes leave no trace, in the table or the trail. */
  store_test_assert_query (fixture->store, "SELECT count(*) FROM staff", "1");
  g_assert_cmpuint (store_test_count_audit (fixture->store, NULL, NULL, 0), ==, rows);

  added = store_test_add_staff (fixture->store, " Bea.Nurse ", "  Béatrice Ørsted ",
                                TONIC_ROLE_NURSE, store_test_hash (STORE_TEST_PASSWORD), &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_staff_get_id (added), >, fixture->admin_id);
  g_assert_cmpstr (tonic_staff_get_username (added), ==, "bea.nurse");
  g_assert_cmpstr (tonic_staff_get_display_name (added), ==, "Béatrice Ørsted");
  g_assert_cmpint (tonic_staff_get_role (added), ==, TONIC_ROLE_NURSE);
  g_assert_true (tonic_staff_get_active (added));
  g_assert_true (g_uuid_string_is_valid (tonic_staff_get_uuid (added)));
  g_assert_null (tonic_staff_get_password_hash (added));

  found = store_test_find_staff (fixture->store, "bea.nurse", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_staff_get_password_hash (found), ==,
                   store_test_hash (STORE_TEST_PASSWORD));

  /* Audited with the change: by whom, about which account, no password. */
  object_id = g_strdup_printf ("%" G_GINT64_FORMAT, tonic_staff_get_id (added));
  g_assert_cmpuint (store_test_count_audit (fixture->store, "staff.add", "ok", fixture->admin_id),
                    ==, 1);
  store_test_assert_query (fixture->store,
                           "SELECT object_type || ':' || detail FROM audit_log"
                           " WHERE action_name = 'staff.add'",
                           "staff:role: nurse");
  store_test_assert_query (fixture->store,
                           "SELECT object_id FROM audit_log WHERE action_name = 'staff.add'",
                           object_id);
  dump = store_test_dump_audit (fixture->store);
  g_assert_null (strstr (dump, "argon2"));

  /* A taken username, however it is typed. */
  g_clear_object (&added);
  added = store_test_add_staff (fixture->store, "BEA.NURSE", "Another Bea", TONIC_ROLE_CLINICIAN,
                                store_test_hash (STORE_TEST_PASSWORD), &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS);
  g_assert_null (added);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "staff.add", NULL, 0), ==, 1);

  /* The list: by name as people sort them; the inactive on request. */
  g_clear_object (&added);
  added = add_member (fixture, "zed", "Zed Adams", TONIC_ROLE_FRONT_DESK);
  g_clear_object (&added);
  added = add_member (fixture, "eli", "Éloïse Brun", TONIC_ROLE_CLINICIAN);
  g_clear_object (&found);
  found = store_test_set_staff_active (fixture->store, tonic_staff_get_id (added), FALSE, &error);
  g_assert_no_error (error);

  list = store_test_list_staff (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  assert_sorted (list);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    {
      g_assert_true (tonic_staff_get_active (g_ptr_array_index (list, i)));
      g_assert_null (tonic_staff_get_password_hash (g_ptr_array_index (list, i)));
    }
  g_clear_pointer (&list, g_ptr_array_unref);

  list = store_test_list_staff (fixture->store, TRUE, &error);
  g_assert_no_error (error);
  assert_sorted (list);
  g_assert_cmpuint (list->len, ==, 4);
  for (guint i = 0; i < list->len; i++)
    {
      TonicStaff *member = g_ptr_array_index (list, i);

      g_assert_cmpint (tonic_staff_get_active (member), ==,
                       !g_str_equal (tonic_staff_get_username (member), "eli"));
    }
}

static void
test_update_staff (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TonicStaff) nurse = add_member (fixture, "nils", "Nils Nurse", TONIC_ROLE_NURSE);
  g_autoptr(TonicStaff) changed = NULL;
  g_autoptr(TonicStaff) actor = NULL;
  g_autoptr(GError) error = NULL;
  gint64 nurse_id = tonic_staff_get_id (nurse);
  guint rows;

  changed = store_test_update_staff (fixture->store, nurse_id, "  Nils Nørgaard ",
                                     TONIC_ROLE_CLINICIAN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_staff_get_display_name (changed), ==, "Nils Nørgaard");
  g_assert_cmpint (tonic_staff_get_role (changed), ==, TONIC_ROLE_CLINICIAN);
  g_assert_cmpstr (tonic_staff_get_username (changed), ==, "nils");
  store_test_assert_query (fixture->store,
                           "SELECT detail FROM audit_log WHERE action_name = 'staff.edit'",
                           "name changed; role: nurse → clinician");
  g_clear_object (&changed);

  /* Nothing to change: nothing written. */
  rows = store_test_count_audit (fixture->store, NULL, NULL, 0);
  changed = store_test_update_staff (fixture->store, nurse_id, "Nils Nørgaard",
                                     TONIC_ROLE_CLINICIAN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, NULL, NULL, 0), ==, rows);
  g_clear_object (&changed);

  changed = store_test_update_staff (fixture->store, nurse_id, "", TONIC_ROLE_NURSE, &error);
  assert_invalid (error, NULL);
  g_clear_error (&error);

  changed = store_test_update_staff (fixture->store, 999, "Nobody", TONIC_ROLE_NURSE, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The only administrator keeps the role... */
  changed = store_test_update_staff (fixture->store, fixture->admin_id, STORE_TEST_ADMIN_NAME,
                                     TONIC_ROLE_CLINICIAN, &error);
  assert_invalid (error, NULL);
  g_clear_error (&error);
  store_test_assert_query (fixture->store, "SELECT role FROM staff WHERE id = 1", "admin");

  /* ...until there is another one. */
  changed = store_test_update_staff (fixture->store, nurse_id, "Nils Nørgaard", TONIC_ROLE_ADMIN,
                                     &error);
  g_assert_no_error (error);
  g_clear_object (&changed);
  changed = store_test_update_staff (fixture->store, fixture->admin_id, STORE_TEST_ADMIN_NAME,
                                     TONIC_ROLE_CLINICIAN, &error);
  g_assert_no_error (error);

  /* Demoted oneself: at once, the actor and the permissions say so. */
  actor = tonic_store_dup_actor (fixture->store);
  g_assert_cmpint (tonic_staff_get_role (actor), ==, TONIC_ROLE_CLINICIAN);
  g_clear_object (&changed);
  changed = store_test_update_staff (fixture->store, nurse_id, "Nils", TONIC_ROLE_NURSE, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
}

static void
test_set_staff_active (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TonicStaff) second = add_member (fixture, "bo.admin", "Bo Admin", TONIC_ROLE_ADMIN);
  g_autoptr(TonicStaff) changed = NULL;
  g_autoptr(GError) error = NULL;

  /* Nobody deactivates themselves. */
  changed = store_test_set_staff_active (fixture->store, fixture->admin_id, FALSE, &error);
  assert_invalid (error, "You cannot deactivate your own account");
  g_clear_error (&error);

  /* Another administrator may go, while one stays. */
  changed = store_test_set_staff_active (fixture->store, tonic_staff_get_id (second), FALSE,
                                         &error);
  g_assert_no_error (error);
  g_assert_false (tonic_staff_get_active (changed));
  store_test_assert_query (fixture->store,
                           "SELECT count(*) FROM staff WHERE active = 1 AND role = 'admin'", "1");

  /* Already inactive: nothing to do, nothing written. */
  g_clear_object (&changed);
  changed = store_test_set_staff_active (fixture->store, tonic_staff_get_id (second), FALSE,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "staff.deactivate", "ok", 0), ==, 1);

  /* And back. */
  g_clear_object (&changed);
  changed = store_test_set_staff_active (fixture->store, tonic_staff_get_id (second), TRUE,
                                         &error);
  g_assert_no_error (error);
  g_assert_true (tonic_staff_get_active (changed));
  g_assert_cmpuint (store_test_count_audit (fixture->store, "staff.reactivate", "ok", 0), ==, 1);
  g_clear_object (&changed);

  changed = store_test_set_staff_active (fixture->store, 999, FALSE, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_passwords (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TonicStaff) nurse = add_member (fixture, "nils", "Nils Nurse", TONIC_ROLE_NURSE);
  g_autoptr(TonicStaff) desk = add_member (fixture, "fran", "Fran Desk", TONIC_ROLE_FRONT_DESK);
  const char *new_password = "a brand new passphrase";
  const char *own_password = "nils chose this one";
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;

  /* An administrator resets someone's password. */
  g_assert_true (store_test_set_staff_password (fixture->store, tonic_staff_get_id (nurse),
                                                store_test_hash (new_password), &error));
  g_assert_no_error (error);
  store_test_assert_query (fixture->store,
                           "SELECT detail FROM audit_log WHERE action_name = 'staff.password'",
                           "reset");
  sign_out (fixture);

  sign_in_fails (fixture, "nils", STORE_TEST_PASSWORD, TONIC_STORE_ERROR_DENIED);
  sign_in_ok (fixture, "nils", new_password);

  /* A nurse changes their own... */
  g_assert_true (store_test_set_staff_password (fixture->store, tonic_staff_get_id (nurse),
                                                store_test_hash (own_password), &error));
  g_assert_no_error (error);

  /* ...but nobody else's. */
  g_assert_false (store_test_set_staff_password (fixture->store, tonic_staff_get_id (desk),
                                                 store_test_hash (own_password), &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "staff.manage", "denied",
                                            tonic_staff_get_id (nurse)), ==, 1);

  /* Only a hash is accepted. */
  g_assert_false (store_test_set_staff_password (fixture->store, tonic_staff_get_id (nurse),
                                                 own_password, &error));
  assert_invalid (error, NULL);
  g_clear_error (&error);

  sign_out (fixture);
  sign_in_fails (fixture, "nils", new_password, TONIC_STORE_ERROR_DENIED);
  sign_in_ok (fixture, "nils", own_password);
  sign_in_ok (fixture, "fran", STORE_TEST_PASSWORD);

  store_test_assert_query (fixture->store,
                           "SELECT group_concat(detail, ' ') FROM audit_log"
                           " WHERE action_name = 'staff.password'",
                           "reset own");
  dump = store_test_dump_audit (fixture->store);
  g_assert_null (strstr (dump, "argon2"));
  g_assert_null (strstr (dump, own_password));
  g_assert_null (strstr (dump, new_password));
}

/* A change and its audit row are one transaction: when the row cannot be
 * written, the change is not made either, and nothing is announced. */
static void
test_audit_in_same_transaction (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(TonicStaff) nurse = add_member (fixture, "nils", "Nils Nurse", TONIC_ROLE_NURSE);
  g_autoptr(TonicStaff) added = NULL;
  g_autoptr(TonicStaff) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head_before = NULL;
  g_autofree char *head_after = NULL;
  gint64 sequence_before = 0;
  gint64 sequence_after = 0;
  gulong handler;

  g_assert_true (store_test_get_audit_head (fixture->store, &sequence_before, &head_before,
                                            &error));
  g_assert_no_error (error);

  /* The trail refuses every new row from here on. */
  g_free (store_test_query (fixture->store,
                            "CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log"
                            " BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
                            &error));
  g_assert_no_error (error);

  store_test_flush (fixture->store);
  n_announced = 0;
  handler = g_signal_connect (fixture->store, "audit-appended", G_CALLBACK (on_audit_appended),
                              g_thread_self ());

  added = store_test_add_staff (fixture->store, "bea", "Bea", TONIC_ROLE_NURSE,
                                store_test_hash (STORE_TEST_PASSWORD), &error);
  g_assert_nonnull (error);
  g_assert_null (added);
  g_clear_error (&error);

  changed = store_test_update_staff (fixture->store, tonic_staff_get_id (nurse), "Renamed",
                                     TONIC_ROLE_CLINICIAN, &error);
  g_assert_nonnull (error);
  g_clear_error (&error);

  changed = store_test_set_staff_active (fixture->store, tonic_staff_get_id (nurse), FALSE,
                                         &error);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (store_test_set_staff_password (fixture->store, tonic_staff_get_id (nurse),
                                                 store_test_hash ("changed password"), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (store_test_set_setting (fixture->store, "some.setting", "on", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Signing out forgets the actor even when its row cannot be written;
   * nobody signs in without the row that says so. */
  g_assert_false (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_USER, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (tonic_store_dup_actor (fixture->store));
  {
    g_autoptr(TonicStaff) staff = store_test_sign_in (fixture->store, STORE_TEST_ADMIN_USER,
                                                      STORE_TEST_PASSWORD, &error);

    g_assert_nonnull (error);
    g_assert_null (staff);
    g_clear_error (&error);
    g_assert_null (tonic_store_dup_actor (fixture->store));
  }

  store_test_assert_query (fixture->store, "SELECT count(*) FROM staff", "2");
  store_test_assert_query (fixture->store,
                           "SELECT display_name || ' ' || role || ' ' || active FROM staff"
                           " WHERE username = 'nils'",
                           "Nils Nurse nurse 1");
  store_test_assert_query (fixture->store,
                           "SELECT count(*) FROM practice_setting WHERE name = 'some.setting'",
                           "0");

  g_assert_true (store_test_get_audit_head (fixture->store, &sequence_after, &head_after,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (sequence_after, ==, sequence_before);
  g_assert_cmpstr (head_after, ==, head_before);

  store_test_flush (fixture->store);
  g_assert_cmpuint (n_announced, ==, 0);

  /* The old password still works, and the change can be made again. */
  g_free (store_test_query (fixture->store, "DROP TRIGGER temp.refuse_audit", &error));
  g_assert_no_error (error);
  sign_in_ok (fixture, STORE_TEST_ADMIN_USER, STORE_TEST_PASSWORD);
  sign_in_ok (fixture, "nils", STORE_TEST_PASSWORD);
  store_test_flush (fixture->store);
  g_assert_cmpuint (n_announced, ==, 2);

  g_signal_handler_disconnect (fixture->store, handler);
  g_clear_pointer (&announced_hash, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/staff/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sign-in", test_sign_in);
  ADD ("sign-out", test_sign_out);
  ADD ("throttle", test_throttle);
  ADD ("throttle-real-clock", test_throttle_real_clock);
  ADD ("deactivated", test_deactivated);
  ADD ("add", test_add_staff);
  ADD ("update", test_update_staff);
  ADD ("set-active", test_set_staff_active);
  ADD ("passwords", test_passwords);
  ADD ("audit-in-same-transaction", test_audit_in_same_transaction);

#undef ADD

  return g_test_run ();
}
