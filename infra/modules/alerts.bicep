// Alerts on the nightly run, read from the function app's telemetry in the Log Analytics workspace behind the
// workspace-based Application Insights: the app's log lines are in AppTraces (Message), each function execution is a
// row in AppRequests (Name = function name, Success). The lines they rely on come from PipelineService:
//   "Refresh <run_id> started by timer"   and   "Run <run_id> <succeeded|failed>: <stages>"
param namePrefix string
param location string
param tags object
param logAnalyticsId string
param alertEmail string

// The app's log lines (the App* tables appear with the first telemetry, hence skipQueryValidation below).
var linesQuery = '''
let lines = AppTraces | project TimeGenerated, Line = Message;
let timerRuns = lines
    | where TimeGenerated > ago(26h)
    | extend RunId = extract(@"Refresh (\S+) started by timer", 1, Line)
    | where isnotempty(RunId)
    | distinct RunId;
'''

// Fires within the hour when a nightly run records outcome "failed" or the timer function itself throws.
var failedQuery = '${linesQuery}${'''
let failedRuns = lines
    | where TimeGenerated > ago(1h)
    | extend RunId = extract(@"Run (\S+) failed", 1, Line)
    | where isnotempty(RunId)
    | distinct RunId;
union
    (timerRuns | join kind=inner failedRuns on RunId | project Reason = strcat("nightly run ", RunId, " failed")),
    (AppRequests | where TimeGenerated > ago(1h) and Name == "NightlyRefresh" and Success == false
                 | project Reason = "NightlyRefresh function failed"),
    (lines | where TimeGenerated > ago(1h) and Line has "Functions.NightlyRefresh" and Line has "Failed"
           | project Reason = "NightlyRefresh function failed")
'''}'

// Fires when no nightly run has succeeded in the last 26 hours: the host is down, the timer did not fire, or the run failed.
var missingQuery = '${linesQuery}${'''
let okRuns = lines
    | where TimeGenerated > ago(26h)
    | extend RunId = extract(@"Run (\S+) succeeded", 1, Line)
    | where isnotempty(RunId)
    | distinct RunId;
timerRuns | join kind=inner okRuns on RunId
'''}'

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'pipeline'
    enabled: true
    emailReceivers: [{ name: 'operators', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

var actions = empty(alertEmail) ? {} : { actionGroups: [actionGroup.id] }

resource nightlyFailed 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'nightly-run-failed-${namePrefix}'
  location: location
  tags: tags
  properties: {
    displayName: 'Nightly pipeline run failed'
    description: 'A nightly refresh (timer) recorded outcome failed, or the NightlyRefresh function threw. See _runs/<run_id>.json in the lake.'
    severity: 1
    enabled: true
    scopes: [logAnalyticsId]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    skipQueryValidation: true
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: failedQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: actions
  }
}

resource nightlyMissing 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'nightly-run-missing-${namePrefix}'
  location: location
  tags: tags
  properties: {
    displayName: 'Nightly pipeline run did not succeed in 26 hours'
    description: 'No nightly refresh (timer) has ended with outcome succeeded in the last 26 hours: the host is down, the timer did not fire, or the run failed.'
    severity: 1
    enabled: true
    scopes: [logAnalyticsId]
    evaluationFrequency: 'PT1H'
    windowSize: 'P2D'
    skipQueryValidation: true
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: missingQuery
          timeAggregation: 'Count'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: actions
  }
}

output ruleNames array = [nightlyFailed.name, nightlyMissing.name]
