; UnionPerf (工会预算绩效管理 · 基层单机版) — Windows installer, NSIS 3.
;
; Per-user install without administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\UnionPerf, registry entries only under HKCU. The uninstaller removes
; exactly what this installer put there and never touches a workspace (the user's data, by default
; %LOCALAPPDATA%\UnionPerf\workspace).
;
; Defines (pass with /D on Windows, -D with Debian's makensis; paths absolute or relative to this
; folder, since makensis changes into the script's folder):
;   VERSION   program version, e.g. 0.1.0 (required; from pyproject.toml)
;   BUNDLE    the PyInstaller one-folder bundle (unionperf.exe + _internal\)
;   ICON      unionperf.ico
;   OUTFILE   the installer to write, unionperf-<VERSION>-setup.exe by default
;   VERSION4  optional four-part numeric file version (default: derived from VERSION)
;   NOCOMPRESS  optional: store the files uncompressed (a compile check of the whole script in
;             2 s instead of 80 s for the real bundle; installer-check.sh); a release never sets it
;
; This file is UTF-8 with a byte-order mark so that makensis on Windows reads the Chinese texts
; correctly whatever the code page.

Unicode true
ManifestDPIAware true
!ifdef NOCOMPRESS
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif
RequestExecutionLevel user

!ifndef VERSION
  !error "VERSION is not defined: pass /DVERSION=x.y.z (the version in pyproject.toml)"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\dist\unionperf"
!endif
!ifndef ICON
  !define ICON "..\resources\icons\unionperf.ico"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\unionperf-${VERSION}-setup.exe"
!endif

; VIProductVersion needs four numbers: take the leading digits of the first three parts of
; VERSION (0.1.0 -> 0.1.0.0, 1.2rc1 -> 1.2.0.0, 2.0.0.dev3 -> 2.0.0.0).
!ifndef VERSION4
  !searchparse /noerrors "${VERSION}" "" _UP_V1 "." _UP_V2 "." _UP_V3 "."
  !ifndef _UP_V1
    !define _UP_V1 0
  !endif
  !ifndef _UP_V2
    !define _UP_V2 0
  !endif
  !ifndef _UP_V3
    !define _UP_V3 0
  !endif
  !define /math _UP_N1 "${_UP_V1}" + 0
  !define /math _UP_N2 "${_UP_V2}" + 0
  !define /math _UP_N3 "${_UP_V3}" + 0
  !if "${_UP_N1}.${_UP_N2}.${_UP_N3}" == "0.0.0"
    !error "VERSION '${VERSION}' does not start with a number; pass /DVERSION4=a.b.c.d"
  !endif
  !define VERSION4 "${_UP_N1}.${_UP_N2}.${_UP_N3}.0"
!endif

!define APP_NAME "工会预算绩效管理"
!define APP_EXE "unionperf.exe"
!define PUBLISHER "UnionPerf developers"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\UnionPerf"
!define PROGID "UnionPerf.Package"
!define SHORTCUT "${APP_NAME}.lnk"
!define HKCU_ROOT 0x80000001 ; HKEY_CURRENT_USER, for shlwapi::SHDeleteEmptyKeyW

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include WinVer.nsh
!include x64.nsh

Name "${APP_NAME}"
Caption "${APP_NAME} ${VERSION} 安装"
UninstallCaption "${APP_NAME} 卸载"
BrandingText "${APP_NAME} · 基层单机版 ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\UnionPerf"
; An existing install is upgraded in place: its folder is proposed again.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show

; ---------------------------------------------------------------- pages
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "确定要退出 ${APP_NAME} 安装吗？"

!define MUI_WELCOMEPAGE_TITLE "欢迎安装 ${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "本向导将在您的电脑上安装 ${APP_NAME}（基层单机版）。$\r$\n$\r$\n程序只为当前用户安装，不需要管理员权限。如果已经安装了旧版本，将在原位置升级；工作区中的数据保持不变。$\r$\n$\r$\n请先关闭正在运行的 ${APP_NAME}，然后点击“下一步”。"
!insertmacro MUI_PAGE_WELCOME
!define MUI_DIRECTORYPAGE_TEXT_TOP "程序文件将安装到下面的文件夹。建议使用默认位置；工作区数据不会保存在这里。"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "立即运行 ${APP_NAME}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从下面的文件夹中删除 ${APP_NAME} 的程序文件、开始菜单和桌面快捷方式以及 .upkg 文件关联。$\r$\n工作区数据不会被删除（默认位于 AppData\Local\UnionPerf\workspace），如需删除请手动处理。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

; ---------------------------------------------------------------- version information
VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APP_NAME} ${VERSION} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "© ${PUBLISHER}"

; ---------------------------------------------------------------- helpers
; A running program cannot be replaced or removed: Windows refuses to open a running .exe for
; writing. Ask the user to close it (retry) or give up; a silent run gives up.
!macro CHECK_NOT_RUNNING prefix
Function ${prefix}CheckNotRunning
  ${IfNot} ${FileExists} "$INSTDIR\${APP_EXE}"
    Return
  ${EndIf}
  retry:
    ClearErrors
    FileOpen $0 "$INSTDIR\${APP_EXE}" a
    ${IfNot} ${Errors}
      FileClose $0
      Return
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} 正在运行。$\r$\n请先关闭程序，然后点击“重试”。" /SD IDCANCEL IDRETRY retry
    Abort "${APP_NAME} 正在运行，已取消。"
FunctionEnd
!macroend
!insertmacro CHECK_NOT_RUNNING ""
!insertmacro CHECK_NOT_RUNNING "un."

Function .onInit
  ${IfNot} ${AtLeastWin10}
  ${OrIf} ${IsNativeIA32}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} 需要 64 位 Windows 10 或更高版本。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; ---------------------------------------------------------------- install
Section "!${APP_NAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  Call CheckNotRunning
  SetOutPath "$INSTDIR"
  ; Upgrade in place: the previous version's libraries are replaced completely, so no stale
  ; module of an older bundle is ever loaded.
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
  ${AndIf} ${FileExists} "$INSTDIR\_internal\*.*"
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}
  File /r "${BUNDLE}\*.*"
  File "/oname=unionperf.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\unionperf.ico" 0 SW_SHOWNORMAL "" "${APP_NAME} · 基层单机版"
  CreateShortCut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\unionperf.ico" 0 SW_SHOWNORMAL "" "${APP_NAME} · 基层单机版"

  ; .upkg packages open in the program on double-click (per user: HKCU\Software\Classes).
  WriteRegStr HKCU "Software\Classes\.upkg" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.upkg\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "工会预算绩效数据包"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\unionperf.ico"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell" "" "open"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "" "用 ${APP_NAME} 打开"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)' ; SHCNE_ASSOCCHANGED

  ; Apps & features entry (per user).
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\unionperf.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

; ---------------------------------------------------------------- uninstall
; Removes exactly what the installer put in place. Never RMDir /r the install folder itself (a
; user may have chosen a folder holding other files), never any workspace.
Section "Uninstall"
  SetShellVarContext current
  ${If} $INSTDIR == ""
  ${OrIfNot} ${FileExists} "$INSTDIR\uninstall.exe"
    Abort "找不到安装文件夹，已取消卸载。"
  ${EndIf}
  Call un.CheckNotRunning

  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"

  ; The .upkg association: only our own values; the key goes only if nothing else is left in it.
  ReadRegStr $0 HKCU "Software\Classes\.upkg" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKCU "Software\Classes\.upkg" ""
  ${EndIf}
  DeleteRegValue HKCU "Software\Classes\.upkg\OpenWithProgids" "${PROGID}"
  System::Call 'shlwapi::SHDeleteEmptyKeyW(p ${HKCU_ROOT}, w "Software\Classes\.upkg\OpenWithProgids")'
  System::Call 'shlwapi::SHDeleteEmptyKeyW(p ${HKCU_ROOT}, w "Software\Classes\.upkg")'
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)' ; SHCNE_ASSOCCHANGED

  Delete "$INSTDIR\${APP_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\unionperf.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" ; only if empty

  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
