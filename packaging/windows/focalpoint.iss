; FocalPoint's Windows installer (Inno Setup 6.3 or newer).
; Saved as UTF-8 with a byte-order mark: that is how Inno Setup knows the accented messages
; below are UTF-8. Keep the mark when editing.
;
; Installs for the current user only: no administrator rights, nothing outside the user's own
; folders and registry. From the source checkout, after the frozen build made dist\FocalPoint\:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\focalpoint.iss
;
; The version is passed in, never written here: packaging/build.py reads it from the package
; metadata (pyproject.toml is the one place it is set). A pre-release such as 0.2.0rc1 also
; needs /DAppVersionNumeric=0.2.0 for the executable's numeric version resource. /DSign signs
; the installer and the uninstaller (packaging/RELEASING.md says how). The result is
; dist\FocalPoint-<version>-windows-setup.exe.
;
; This script has not been compiled where it was written (Inno Setup runs on Windows only);
; the first build on Windows is its first check.

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=X.Y.Z packaging\windows\focalpoint.iss
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
#define RepoRoot AddBackslash(SourcePath) + "..\.."
#ifndef FrozenDir
  #define FrozenDir RepoRoot + "\dist\FocalPoint"
#endif
#define Wizard RepoRoot + "\resources\windows\wizard-small-"
#define AppExe "FocalPoint.exe"
#define ProgId "FocalPoint.Submission"

[Setup]
; The one identity of FocalPoint for Windows: never change it, or an upgrade installs a second
; copy beside the first instead of replacing it.
AppId={{B971F712-F3D6-402A-99B8-CB9ECA3818A6}
AppName=FocalPoint
AppVersion={#AppVersion}
AppVerName=FocalPoint {#AppVersion}
AppPublisher=Regional Conference on Migration (RCM)
AppPublisherURL=https://crmsv.org/
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName=FocalPoint
VersionInfoProductTextVersion={#AppVersion}
; Per user, without administrator rights: {autopf} is then the user's own Programs folder
; (%LOCALAPPDATA%\Programs), HKA is HKEY_CURRENT_USER and {autoprograms} the user's Start menu.
; An administrator may still install for every user from the command line (/ALLUSERS).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\FocalPoint
DisableProgramGroupPage=yes
DisableDirPage=auto
; Qt 6 runs on Windows 10 and later, 64-bit only.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile={#RepoRoot}\resources\icons\focalpoint.ico
; The icon at the top of the wizard's pages, one per display scale (100 % to 250 %): Setup picks.
WizardSmallImageFile={#Wizard}55x55.bmp,{#Wizard}64x68.bmp,{#Wizard}83x80.bmp,{#Wizard}92x97.bmp,{#Wizard}110x106.bmp,{#Wizard}119x123.bmp,{#Wizard}138x140.bmp
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=FocalPoint
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir={#RepoRoot}\dist
OutputBaseFilename=FocalPoint-{#AppVersion}-windows-setup
ChangesAssociations=yes
; An upgrade closes a running FocalPoint first (its files are in use) and starts it again after.
CloseApplications=yes
RestartApplications=yes
ShowLanguageDialog=auto
#ifdef Sign
SignTool=focalpoint
SignedUninstaller=yes
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[CustomMessages]
en.PackageType=FocalPoint submission package
es.PackageType=Paquete de envío de FocalPoint
fr.PackageType=Paquet d'envoi FocalPoint
en.DeleteWorkspace=FocalPoint is uninstalled.%n%nYour workspace is still in:%n%1%n%nIt holds your records, signing keys, settings and submissions. FocalPoint finds it again if you install it later.%n%nDelete the workspace too? This cannot be undone.
es.DeleteWorkspace=FocalPoint se ha desinstalado.%n%nSu espacio de trabajo sigue en:%n%1%n%nContiene sus registros, claves de firma, ajustes y envíos. FocalPoint lo volverá a encontrar si lo instala más adelante.%n%n¿Eliminar también el espacio de trabajo? No se puede deshacer.
fr.DeleteWorkspace=FocalPoint est désinstallé.%n%nVotre espace de travail est toujours dans :%n%1%n%nIl contient vos données, vos clés de signature, vos réglages et vos envois. FocalPoint le retrouvera si vous l'installez plus tard.%n%nSupprimer aussi l'espace de travail ? Cette action est irréversible.
en.WorkspaceNotDeleted=Some files of the workspace could not be deleted (a program may be using them):%n%1
es.WorkspaceNotDeleted=No se pudieron eliminar algunos archivos del espacio de trabajo (puede que un programa los esté usando):%n%1
fr.WorkspaceNotDeleted=Certains fichiers de l'espace de travail n'ont pas pu être supprimés (un programme les utilise peut-être) :%n%1

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program whole: a module the new version no longer has must not stay
; behind to be loaded by mistake. The workspace is elsewhere (%APPDATA%\RCM\FocalPoint).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#FrozenDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\FocalPoint"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\FocalPoint"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Submission packages are zip files (FocalPoint-SV-003-2026-11-28.zip), or zip files encrypted
; with age (….zip.age). Windows chooses a program by the last extension alone, so making
; FocalPoint the program for .zip would open every zip file on the laptop in FocalPoint; and
; since Windows 8 an installer cannot set a default anyway (the user's choice is protected).
; So FocalPoint is offered, not imposed: the ProgID below describes a package and how to open
; it, and OpenWithProgids puts FocalPoint in "Open with" for .zip and .age, where the user
; picks it once ("Always use this app" for .age, where it is usually the only candidate).
; Linux, where a file type can match the whole name, does claim FocalPoint-*.zip by default.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:PackageType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: "FriendlyTypeName"; ValueData: "{cm:PackageType}"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.zip\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.age\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; How "Open with" names the program and which files it offers it for.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "FocalPoint"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".zip"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".age"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,FocalPoint}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Code]
{ Where FocalPoint keeps its workspace when no other folder is given: platformdirs'
  user_data_dir("FocalPoint", "RCM", roaming=True), the user's roaming application data. }
function WorkspaceFolder: String;
begin
  Result := ExpandConstant('{userappdata}\RCM\FocalPoint');
end;

{ After the program is gone, ask whether the workspace goes too; No is the default, and a silent
  uninstall (/SILENT, /VERYSILENT) keeps it without asking. An administrator's uninstall for
  every user does not ask: the folder it would name is the administrator's, not the users'. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  if IsAdminInstallMode then
    Exit;
  Folder := WorkspaceFolder;
  if not DirExists(Folder) then
    Exit;
  if SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteWorkspace'), [Folder]),
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
  begin
    if not DelTree(Folder, True, True, True) then
      MsgBox(FmtMessage(CustomMessage('WorkspaceNotDeleted'), [Folder]), mbError, MB_OK);
    { The RCM folder is removed only when FocalPoint's was all it held. }
    RemoveDir(ExpandConstant('{userappdata}\RCM'));
  end;
end;
