PlanCheck.main()
