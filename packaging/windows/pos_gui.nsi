; NSIS script for the pos-gui Windows installer: a per-machine install into Program Files.
;
; makensis runs in this folder, so pos-gui.ico is found beside the script; SOURCE_DIR must be absolute.
; Compiled by packaging/build.py (on the windows-latest CI runner, or anywhere makensis runs):
;   makensis -DVERSION=0.1.0 -DVERSION_NUMERIC=0.1.0.0 -DSOURCE_DIR=dist\pos-gui
;            -DOUTFILE=dist\pos-gui-0.1.0-setup.exe packaging\windows\pos_gui.nsi
;
; Silent install for software distribution (Intune, SCCM, GPO):  pos-gui-<version>-setup.exe /S
; Silent uninstall:  "C:\Program Files\pos-gui\uninstall.exe" /S
; Settings, logs and the journal live per user in %LOCALAPPDATA%\pos-gui and are kept on uninstall.

Unicode true
!include "MUI2.nsh"
!include "x64.nsh"

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef VERSION_NUMERIC
  !define VERSION_NUMERIC "0.0.0.0"
!endif
!ifndef SOURCE_DIR
  !error "pass -DSOURCE_DIR=<the PyInstaller folder dist\pos-gui>"
!endif
!ifndef OUTFILE
  !define OUTFILE "pos-gui-${VERSION}-setup.exe"
!endif

!define APP_NAME "pos-gui"
!define APP_PUBLISHER "pos-gui developers"
!define APP_EXE "pos-gui.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ShowInstDetails show

VIProductVersion "${VERSION_NUMERIC}"
VIAddVersionKey /LANG=1031 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1031 "FileDescription" "${APP_NAME} Installer"
VIAddVersionKey /LANG=1031 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1031 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1031 "CompanyName" "${APP_PUBLISHER}"
VIAddVersionKey /LANG=1031 "LegalCopyright" "${APP_PUBLISHER}"

!define MUI_ICON "pos-gui.ico"
!define MUI_UNICON "pos-gui.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "German"
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ; Per-machine: shortcuts for all users, the 64-bit registry view.
  SetShellVarContext all
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext all
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
FunctionEnd

Section "pos-gui" SecMain
  SectionIn RO
  ; An update replaces the whole folder: no stale libraries of an older version remain.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME} (Demo).lnk" "$INSTDIR\${APP_EXE}" "--demo"

  ; Add/Remove Programs entry.
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${APP_PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME} (Demo).lnk"
  RMDir "$SMPROGRAMS\${APP_NAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
