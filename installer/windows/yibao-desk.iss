; Inno Setup script: setup.exe for Windows counter PCs.
; Build the one-folder program first (on Windows):  .venv\Scripts\pyinstaller installer\yibao-desk.spec
; then:  iscc /DMyVersion=0.1.0 installer\windows\yibao-desk.iss
; The journal lives in %LOCALAPPDATA%\yibao-desk (the user data folder): never inside the program folder, and never
; removed on uninstall, so upgrading or reinstalling keeps every case.
#ifndef MyVersion
  #define MyVersion "0.1.0"
#endif

[Setup]
AppId={{6C1E6A8B-3B0F-4C1A-9D8E-5A1F2B7C9E11}
AppName=医保窗口桌面
AppVersion={#MyVersion}
AppPublisher=yibao-desk
DefaultDirName={autopf}\yibao-desk
DefaultGroupName=医保窗口桌面
OutputBaseFilename=yibao-desk-{#MyVersion}-setup
SetupIconFile=..\..\resources\icons\yibao-desk.ico
UninstallDisplayIcon={app}\yibao-desk.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "chinesesimp"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "创建桌面快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "..\..\dist\yibao-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\医保窗口桌面"; Filename: "{app}\yibao-desk-gui.exe"
Name: "{group}\医保窗口桌面 自检"; Filename: "{cmd}"; Parameters: "/k ""{app}\yibao-desk.exe"" selfcheck"
Name: "{group}\卸载医保窗口桌面"; Filename: "{uninstallexe}"
Name: "{autodesktop}\医保窗口桌面"; Filename: "{app}\yibao-desk-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\yibao-desk.exe"; Parameters: "selfcheck"; Description: "运行安装自检"; Flags: postinstall runhidden

[UninstallDelete]
; only the program folder; %LOCALAPPDATA%\yibao-desk (journal, backups, keys) is deliberately kept
Type: filesandordirs; Name: "{app}\_internal"
