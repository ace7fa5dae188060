/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-application.h"
#include "tonic-practice-dir.h"
#include "tonic-preferences-window.h"
#include "tonic-window.h"

struct _TonicApplication
{
  AdwApplication parent_instance;

  char      *data_dir;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (TonicApplication, tonic_application, ADW_TYPE_APPLICATION)

static TonicWindow *
get_window (TonicApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return TONIC_IS_WINDOW (window) ? TONIC_WINDOW (window) : NULL;
}

static void
tonic_application_about (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  TonicApplication *self = user_data;
  static const char *developers[] = { N_("The Tonic developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Tonic"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Tonic developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Patient records, treatment plans and infusion sessions for "
                                      "small ketamine-infusion practices, kept encrypted on this "
                                      "computer."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
tonic_application_preferences (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  TonicApplication *self = user_data;
  GtkWidget *preferences;

  preferences = tonic_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                              self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
tonic_application_lock (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  TonicWindow *window = get_window (TONIC_APPLICATION (user_data));

  if (window != NULL)
    tonic_window_lock (window);
}

static void
tonic_application_sign_out (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  TonicWindow *window = get_window (TONIC_APPLICATION (user_data));

  if (window != NULL)
    tonic_window_sign_out (window);
}

static void
tonic_application_quit (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing each window lets it finish its writes and close the store. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }

  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "about", tonic_application_about },
  { "preferences", tonic_application_preferences },
  { "lock", tonic_application_lock },
  { "sign-out", tonic_application_sign_out },
  { "quit", tonic_application_quit },
};

static int
tonic_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  TonicApplication *self = TONIC_APPLICATION (app);
  const char *data_dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (data_dir);
      g_autofree char *path = g_file_get_path (file);

      tonic_application_set_data_dir (self, path);
    }

  return -1;
}

static void
tonic_application_activate (GApplication *app)
{
  TonicApplication *self = TONIC_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (tonic_window_new (self));

  gtk_window_present (window);
}

static void
tonic_application_startup (GApplication *app)
{
  TonicApplication *self = TONIC_APPLICATION (app);
  static const char *lock_accels[] = { "<Control>l", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", "<Control>question", NULL };

  G_APPLICATION_CLASS (tonic_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.lock", lock_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_accels);

  self->settings = g_settings_new ("io.github.tonicrecords.Tonic");
}

static void
tonic_application_finalize (GObject *object)
{
  TonicApplication *self = (TonicApplication *) object;

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tonic_application_parent_class)->finalize (object);
}

static void
tonic_application_class_init (TonicApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tonic_application_finalize;

  app_class->handle_local_options = tonic_application_handle_local_options;
  app_class->startup = tonic_application_startup;
  app_class->activate = tonic_application_activate;
}

static void
tonic_application_init (TonicApplication *self)
{
  static const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Keep practices in DIR instead of the user’s data folder"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  self->data_dir = tonic_practice_dir_get_default_data_dir ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

TonicApplication *
tonic_application_new (void)
{
  return g_object_new (TONIC_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

const char *
tonic_application_get_data_dir (TonicApplication *self)
{
  g_return_val_if_fail (TONIC_IS_APPLICATION (self), NULL);
  return self->data_dir;
}

void
tonic_application_set_data_dir (TonicApplication *self,
                                const char       *data_dir)
{
  g_return_if_fail (TONIC_IS_APPLICATION (self));
  g_return_if_fail (data_dir != NULL);

  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);
}

GSettings *
tonic_application_get_settings (TonicApplication *self)
{
  g_return_val_if_fail (TONIC_IS_APPLICATION (self), NULL);
  return self->settings;
}
