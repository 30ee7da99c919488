# Builds the Windows installer: the PyInstaller one-folder bundle (dist\yibao-desk), then the Inno Setup setup.exe
# (installer\windows\Output\yibao-desk-<version>-setup.exe). Sets up .venv with PyInstaller when it is missing.
# Needs Python 3.11 (the py launcher) and Inno Setup 6. Not yet run on Windows: see README「Installing on counter PCs」.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$py = ".venv\Scripts\python.exe"
if (-not (Test-Path $py)) {
    py -3.11 -m venv .venv
    if ($LASTEXITCODE) { throw "无法创建虚拟环境：需要 Python 3.11（py 启动器）" }
}
& $py -c "import PyInstaller" 2>$null
if ($LASTEXITCODE) {
    & $py -m pip install -q -e ".[test]"
    if ($LASTEXITCODE) { throw "安装构建依赖失败" }
}
$version = (Select-String -Path pyproject.toml -Pattern '^version\s*=\s*"([^"]+)"').Matches[0].Groups[1].Value
& $py -m PyInstaller --noconfirm --clean --log-level WARN installer\yibao-desk.spec
if ($LASTEXITCODE) { throw "PyInstaller 构建失败" }
& dist\yibao-desk\yibao-desk.exe selfcheck
if ($LASTEXITCODE) { throw "构建出的程序未通过自检（退出码 $LASTEXITCODE）" }
$iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "找不到 Inno Setup 6 的 ISCC.exe" }
& $iscc "/DMyVersion=$version" installer\windows\yibao-desk.iss
if ($LASTEXITCODE) { throw "Inno Setup 构建失败" }
