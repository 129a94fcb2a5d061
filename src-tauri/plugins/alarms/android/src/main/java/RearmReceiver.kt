package app.baohao.alarms

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.util.Log

/**
 * Re-arms the stored alarms without starting the UI: after a reboot (the OS forgets every alarm;
 * also before the first unlock), an app update (likewise), a clock or time-zone change, and a
 * change of the exact-alarm permission (armed again exact or inexact).
 */
class RearmReceiver : BroadcastReceiver() {
  override fun onReceive(context: Context, intent: Intent) {
    val action = intent.action ?: return
    if (action !in ACTIONS) return
    Log.i(TAG, "re-arming after $action")
    try {
      AlarmScheduler.rearmAll(context, System.currentTimeMillis())
    } catch (e: RuntimeException) {
      Log.e(TAG, "re-arming failed", e)
    }
  }

  private companion object {
    // the ones declared in the manifest; an exported receiver acts on nothing else
    val ACTIONS = setOf(
      Intent.ACTION_LOCKED_BOOT_COMPLETED,
      Intent.ACTION_BOOT_COMPLETED,
      "android.intent.action.QUICKBOOT_POWERON",
      Intent.ACTION_MY_PACKAGE_REPLACED,
      Intent.ACTION_TIME_CHANGED,
      Intent.ACTION_TIMEZONE_CHANGED,
      // AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED (API 31)
      "android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED",
    )
  }
}
