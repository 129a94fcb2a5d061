package app.baohao.alarms

import android.Manifest
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Build
import android.util.Log
import androidx.core.app.NotificationChannelCompat
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat

/** Shows a fired alarm on the "reminders" channel; a tap opens the app with the alarm's line. */
internal object Notifier {
  const val CHANNEL_ID = "reminders"
  /** Marks the launch intent of a tap (a tap on an alarm without a line has no EXTRA_LINE). */
  const val EXTRA_TAP = "app.baohao.alarms.TAP"
  const val EXTRA_LINE = "app.baohao.alarms.LINE"
  const val EXTRA_ACTION = "app.baohao.alarms.ACTION"
  const val EXTRA_NOTIFICATION = "app.baohao.alarms.NOTIFICATION"
  // Alarm ids are the app's; the tag keeps them apart from other notifications' ids.
  const val NOTIFICATION_TAG = "baohao-alarm"
  // the icon's teal (icons/icon.svg), for the small icon's accent
  private const val ACCENT = 0xFF0F766E.toInt()

  /** Creates the channel, or renames it to the current language's name. */
  fun ensureChannel(context: Context) {
    val channel = NotificationChannelCompat.Builder(CHANNEL_ID, NotificationManagerCompat.IMPORTANCE_DEFAULT)
      .setName(context.getString(R.string.baohao_alarms_channel_name))
      .setDescription(context.getString(R.string.baohao_alarms_channel_description))
      .build()
    NotificationManagerCompat.from(context).createNotificationChannel(channel)
  }

  fun post(context: Context, alarm: StoredAlarm) {
    if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU &&
      ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) !=
      PackageManager.PERMISSION_GRANTED
    ) {
      Log.w(TAG, "notifications are not allowed: alarm ${alarm.id} not shown")
      return
    }
    ensureChannel(context)
    val builder = NotificationCompat.Builder(context, CHANNEL_ID)
      .setSmallIcon(R.drawable.ic_stat_baohao)
      .setColor(ACCENT)
      .setContentTitle(alarm.title)
      .setContentText(alarm.body)
      .setStyle(NotificationCompat.BigTextStyle().bigText(alarm.body))
      .setCategory(NotificationCompat.CATEGORY_REMINDER)
      .setPriority(NotificationCompat.PRIORITY_DEFAULT)
      // a reminder shown late (after a reboot) still says when it was due
      .setWhen(alarm.atMs)
      .setShowWhen(true)
      .setAutoCancel(true)
    val tap = tapIntent(context, alarm)
    if (tap != null) builder.setContentIntent(tap)
    alarm.actions.forEach { action ->
      actionIntent(context, alarm, action.id)?.let { builder.addAction(0, action.title, it) }
    }
    try {
      NotificationManagerCompat.from(context).notify(NOTIFICATION_TAG, alarm.id, builder.build())
    } catch (e: SecurityException) {
      Log.w(TAG, "notifications were refused: alarm ${alarm.id} not shown", e)
    }
  }

  /** A button: to ActionReceiver, without opening the app. The data URI keeps each button's
   *  PendingIntent apart from the others'. */
  private fun actionIntent(context: Context, alarm: StoredAlarm, actionId: String): PendingIntent? {
    val intent = Intent(context, ActionReceiver::class.java)
      .setData(Uri.parse("baohao-action://${alarm.id}/${Uri.encode(actionId)}"))
      .putExtra(EXTRA_ACTION, actionId)
      .putExtra(EXTRA_NOTIFICATION, alarm.id)
    if (alarm.lineId != null) intent.putExtra(EXTRA_LINE, alarm.lineId)
    return try {
      PendingIntent.getBroadcast(context, alarm.id, intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
    } catch (e: RuntimeException) {
      Log.w(TAG, "no button $actionId for alarm ${alarm.id}", e)
      null
    }
  }

  private fun tapIntent(context: Context, alarm: StoredAlarm): PendingIntent? {
    // Before the first unlock the package manager hides activities that are not direct-boot
    // aware, so getLaunchIntentForPackage finds none: then the launcher intent is left for the
    // OS to resolve when the notification is tapped (after unlocking).
    val launch = context.packageManager.getLaunchIntentForPackage(context.packageName)
      ?: Intent(Intent.ACTION_MAIN).addCategory(Intent.CATEGORY_LAUNCHER).setPackage(context.packageName)
    launch
      .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP or Intent.FLAG_ACTIVITY_SINGLE_TOP)
      .putExtra(EXTRA_TAP, true)
    if (alarm.lineId != null) launch.putExtra(EXTRA_LINE, alarm.lineId)
    return try {
      PendingIntent.getActivity(
        context,
        alarm.id,
        launch,
        PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
      )
    } catch (e: RuntimeException) {
      Log.w(TAG, "no tap action for alarm ${alarm.id}", e)
      null
    }
  }
}
