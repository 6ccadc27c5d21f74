from msctool.cli import main

main()
