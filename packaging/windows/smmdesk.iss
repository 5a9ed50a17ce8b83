; Inno Setup 6.3+ script: a Windows installer for the PyInstaller one-folder build.
; Build the folder first (packaging\README.md), then, from the repository root:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\smmdesk.iss
;
; AppVersion is required (the package version: python -c "from importlib.metadata import
; version; print(version('smmdesk'))"); BundleDir defaults to the repository's
; dist\smmdesk. Output: dist\smmdesk-<version>-windows-x64-setup.exe.

#ifndef AppVersion
  #error Define the version: iscc /DAppVersion=X.Y.Z packaging\windows\smmdesk.iss
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\smmdesk"
#endif
#define AppName "SMMDesk"
#define AppExe "smmdesk.exe"

[Setup]
; The AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{F0BEB3E2-E512-4DFA-9E33-088F55E97498}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The SMMDesk developers
VersionInfoVersion={#AppVersion}
; Per-user by default (no administrator needed); the first page offers "install for all
; users", and /ALLUSERS or /CURRENTUSER choose on the command line.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
CloseApplications=yes
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename=smmdesk-{#AppVersion}-windows-x64-setup

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: no library of an older version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
