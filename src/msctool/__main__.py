from msctool.cli.main import main

main()
