# Build Wellbeing Desktop for Windows: the one-folder app, the per-user MSI and the
# portable zip, into dist\. Optionally also the Inno Setup installer.
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\build-windows.ps1 [-Inno]
#
# Needs 64-bit Python 3.11 as "python" (or -Python C:\path\python.exe) and WiX Toolset
# 3.14 (candle.exe and light.exe, found through the WIX environment variable that its
# installer sets, or on PATH); -Inno also needs Inno Setup 6 (ISCC.exe). Runs in CI
# (.github/workflows/installers.yml); nothing here needs administrator rights.
param(
    [string]$Python = "python",
    [switch]$Inno
)
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path (Join-Path $PSScriptRoot "..\.."))

# Runs a program with the arguments as given (a plain function, so "-m" and "-out" reach
# the program rather than PowerShell) and stops on a non-zero exit code.
function Invoke-Checked {
    $exe, $rest = $args
    & $exe @rest
    if ($LASTEXITCODE -ne 0) { throw "$exe failed with exit code $LASTEXITCODE" }
}

function Find-Tool([string]$Name, [string[]]$Folders) {
    foreach ($folder in $Folders) {
        if ($folder -and (Test-Path (Join-Path $folder $Name))) { return (Join-Path $folder $Name) }
    }
    $command = Get-Command $Name -ErrorAction SilentlyContinue
    if ($command) { return $command.Source }
    throw "$Name not found"
}

$version = (Select-String -Path wellbeing_desktop\__init__.py -Pattern '^__version__ = "(.*)"$').Matches[0].Groups[1].Value
$payload = "dist\pyinstaller\wellbeing-desktop"
Write-Host "Wellbeing Desktop $version"

# Build environment: PyInstaller and the app's dependencies at the pinned versions.
if (-not (Test-Path build\venv-windows\Scripts\python.exe)) {
    Invoke-Checked $Python -m venv build\venv-windows
}
$py = (Resolve-Path build\venv-windows\Scripts\python.exe).Path
Invoke-Checked $py installers\app_requirements.py | Set-Content -Encoding ascii build\app-requirements.txt
Invoke-Checked $py -m pip install --disable-pip-version-check -q `
    -r installers\requirements-build.txt -r build\app-requirements.txt -c installers\constraints.txt

# The one-folder app: WellbeingDesktop.exe (windowed) and wellbeing-desktop.exe (command line).
if (Test-Path $payload) { Remove-Item -Recurse -Force $payload }
Invoke-Checked $py -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath dist\pyinstaller --workpath build\pyinstaller installers\wellbeing-desktop.spec

# Smoke test, as in installers/test-linux-package.sh: fresh profile, demo data, a report.
$smoke = Join-Path (Resolve-Path build).Path "smoke"
if (Test-Path $smoke) { Remove-Item -Recurse -Force $smoke }
$env:QT_QPA_PLATFORM = "offscreen"
$env:WELLBEING_DESKTOP_HOME = $smoke
$cli = Join-Path $payload "wellbeing-desktop.exe"
Invoke-Checked $cli --quit-when-ready
Invoke-Checked $cli demo-data --database "$smoke\demo.sqlite3"
Invoke-Checked $cli report caseload --all --out "$smoke\caseload.pdf" --database "$smoke\demo.sqlite3"
Invoke-Checked $cli --database "$smoke\demo.sqlite3" --quit-when-ready
Remove-Item Env:\QT_QPA_PLATFORM, Env:\WELLBEING_DESKTOP_HOME

# The per-user MSI.
$wixBin = if ($env:WIX) { Join-Path $env:WIX "bin" } else { $null }
$candle = Find-Tool "candle.exe" @($wixBin)
$light = Find-Tool "light.exe" @($wixBin)
New-Item -ItemType Directory -Force build\wix | Out-Null
Invoke-Checked $py installers\windows\harvest_wxs.py $payload build\wix\files.wxs
Invoke-Checked $candle -nologo -arch x64 -ext WixUtilExtension `
    "-dVersion=$version" "-dPayloadDir=$payload" "-dIconFile=installers\windows\wellbeing-desktop.ico" `
    -out build\wix\ installers\windows\wellbeing-desktop.wxs build\wix\files.wxs
$msi = "dist\WellbeingDesktop-$version-x64.msi"
# light runs the ICE validation suite; any error fails the build.
Invoke-Checked $light -nologo -ext WixUtilExtension -spdb -out $msi `
    build\wix\wellbeing-desktop.wixobj build\wix\files.wixobj

# The portable zip: the same folder, for PCs where even per-user installs are blocked.
$portable = "build\portable\Wellbeing Desktop"
if (Test-Path build\portable) { Remove-Item -Recurse -Force build\portable }
New-Item -ItemType Directory -Force build\portable | Out-Null
Copy-Item -Recurse $payload $portable
Copy-Item installers\windows\PORTABLE.txt (Join-Path $portable "README.txt")
$zip = "dist\WellbeingDesktop-$version-x64-portable.zip"
if (Test-Path $zip) { Remove-Item -Force $zip }
Compress-Archive -Path $portable -DestinationPath $zip -CompressionLevel Optimal

if ($Inno) {
    $iscc = Find-Tool "ISCC.exe" @("${env:ProgramFiles(x86)}\Inno Setup 6", "$env:ProgramFiles\Inno Setup 6")
    Invoke-Checked $iscc /Qp "/DAppVersion=$version" "/DPayloadDir=$((Resolve-Path $payload).Path)" `
        "/Odist" installers\windows\wellbeing-desktop.iss
}

Get-ChildItem dist\*.msi, dist\*.zip, dist\*.exe -ErrorAction SilentlyContinue |
    ForEach-Object { "{0,8:N1} MB  {1}" -f ($_.Length / 1MB), $_.Name }
