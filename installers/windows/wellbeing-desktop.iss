; Wellbeing Desktop: the per-user installer as an Inno Setup 6 script, an alternative to
; the MSI (wellbeing-desktop.wxs) for organisations that do not deploy MSIs. Same install
; folder, same Start-menu shortcut, no administrator rights; unlike the MSI it has
; screens, and on uninstall it asks whether to delete the records too (default: keep).
;
;   ISCC /DAppVersion=0.1.0 /DPayloadDir=C:\...\dist\pyinstaller\wellbeing-desktop /Odist wellbeing-desktop.iss
;
; Silent: WellbeingDesktop-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Silent uninstall keeps the records unless /REMOVEUSERDATA is given:
;   "%LOCALAPPDATA%\Programs\Wellbeing Desktop\unins000.exe" /VERYSILENT [/REMOVEUSERDATA]

#ifndef AppVersion
  #error Define AppVersion, e.g. /DAppVersion=0.1.0
#endif
#ifndef PayloadDir
  #error Define PayloadDir: the PyInstaller one-folder build
#endif

[Setup]
; The AppId never changes: it is how an upgrade finds the installed version.
AppId={{0B0C5C53-6E0F-4B7E-9D0B-5F1C2A7D8E41}
AppName=Wellbeing Desktop
AppVersion={#AppVersion}
AppPublisher=Wellbeing Desktop contributors
AppComments=Caseloads, supervision and staff wellbeing for line managers
; Per user, never elevated, and no "install for all users?" question.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DefaultDirName={userpf}\Wellbeing Desktop
DisableProgramGroupPage=yes
DisableDirPage=yes
DisableReadyPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputBaseFilename=WellbeingDesktop-{#AppVersion}-setup
SetupIconFile=wellbeing-desktop.ico
UninstallDisplayIcon={app}\WellbeingDesktop.exe
UninstallDisplayName=Wellbeing Desktop
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An upgrade closes a running copy first (Restart Manager), then replaces the files.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "{#PayloadDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade starts from a clean program folder (the records are not in it).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\Wellbeing Desktop"; Filename: "{app}\WellbeingDesktop.exe"; WorkingDir: "{app}"; Comment: "Caseloads, supervision and staff wellbeing"

[Run]
Filename: "{app}\WellbeingDesktop.exe"; Description: "Start Wellbeing Desktop now"; Flags: nowait postinstall skipifsilent

[Code]
const
  DataFolder = '{localappdata}\WellbeingDesktop';

function RemoveDataRequested(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/REMOVEUSERDATA') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
  Remove: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Folder := ExpandConstant(DataFolder);
  if not DirExists(Folder) then
    Exit;
  if UninstallSilent then
    Remove := RemoveDataRequested()
  else
    Remove := MsgBox('Wellbeing Desktop has been removed.' + #13#10#13#10 +
      'Your records (the database, its backups and your settings) are still in:' + #13#10 +
      Folder + #13#10#13#10 +
      'Delete them too? Choose No to keep them, for example to reinstall later.',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if Remove then
    DelTree(Folder, True, True, True);
end;
