package app.baohao.share

import android.app.Activity
import android.content.ClipData
import android.content.Intent
import android.util.Log
import androidx.core.content.FileProvider
import app.tauri.annotation.Command
import app.tauri.annotation.InvokeArg
import app.tauri.annotation.TauriPlugin
import app.tauri.plugin.Invoke
import app.tauri.plugin.Plugin
import java.io.File

private const val TAG = "baohao"

@InvokeArg
class ShareFileArgs {
  var path: String = ""
  var mediaType: String = ""
  var title: String = ""
}

/** Opens the system share sheet for one file the app wrote into <cache>/share/ (checked in Rust). */
@TauriPlugin
class SharePlugin(private val activity: Activity) : Plugin(activity) {
  @Command
  fun shareFile(invoke: Invoke) {
    val args = invoke.parseArgs(ShareFileArgs::class.java)
    val file = File(args.path)
    val dir = File(activity.cacheDir, "share")
    if (file.parentFile?.canonicalPath != dir.canonicalPath || !file.isFile) {
      invoke.reject("the file is not in the share folder")
      return
    }
    try {
      val uri = FileProvider.getUriForFile(activity, activity.packageName + ".baohao.share", file)
      val send = Intent(Intent.ACTION_SEND).apply {
        type = args.mediaType
        putExtra(Intent.EXTRA_STREAM, uri)
        // Some targets read the item from the clip data rather than the extra.
        clipData = ClipData.newRawUri(file.name, uri)
        addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
      }
      activity.startActivity(Intent.createChooser(send, args.title))
      invoke.resolve()
    } catch (e: Exception) {
      Log.e(TAG, "could not open the share sheet", e)
      invoke.reject("could not open the share sheet")
    }
  }
}
